package io.shortlink.query.redirect;

import io.shortlink.events.LinkStatus;
import io.shortlink.query.processing.BatchWrites;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.data.redis.core.HashOperations;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writes of the redirect view — one hash per code: url, status, type, expiresAt, forwardQuery, visitLimit — into the live generation
 * ({@link RedirectView}) or one under construction ({@link RedirectGenerationWrites}). The writes of a processor's batch
 * go to Redis in one pipeline when the batch commits ({@link BatchWrites}): a round trip per event set the pace of the
 * live processor under load (docs/benchmarks.md). Each write sets whole fields from its event alone, so a redelivered
 * event leaves the same view.
 */
public abstract class RedirectWrites {

    private static final String URL = "url";
    private static final String STATUS = "status";
    private static final String TYPE = "type";
    private static final String EXPIRES_AT = "expiresAt";
    /** "1" when the link forwards query strings; absent (entries written before it existed) or "0" when not. */
    private static final String FORWARD_QUERY = "forwardQuery";
    /**
     * "1" when the link has a visit limit, "0" when not; absent in entries written before it existed, which count as
     * limited: their clicks then count towards a limit as every click did before (docs/adr/0024).
     */
    private static final String VISIT_LIMIT = "visitLimit";

    private final StringRedisTemplate redis;

    RedirectWrites(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public void save(String code, RedirectEntry entry) {
        Map<String, String> fields = new HashMap<>(target(entry.url(), entry.redirectType(), entry.expiresAt(), entry.forwardQuery(),
                entry.visitLimited()));
        fields.put(STATUS, entry.status().name());
        write(code, fields);
    }

    /** Changes where and how a code redirects, leaving its status as it is. */
    public void saveTarget(String code, String url, int redirectType, Instant expiresAt, boolean forwardQuery,
                           boolean visitLimited) {
        write(code, target(url, redirectType, expiresAt, forwardQuery, visitLimited));
    }

    public void saveStatus(String code, LinkStatus status) {
        write(code, Map.of(STATUS, status.name()));
    }

    /** The key prefix the writes of a batch go to, asked when the batch is sent. */
    abstract String prefixOfWrites();

    /** Names the batch's writes apart from those of the other views a unit of work may write. */
    abstract String batchName();

    /** Queued in the pipeline after each write; nothing by default. */
    void afterWrite(RedisOperations<String, String> pipeline, String code) {
    }

    static Optional<RedirectEntry> entry(Map<String, String> fields) {
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        String expiresAt = fields.get(EXPIRES_AT);
        return Optional.of(new RedirectEntry(
                fields.get(URL),
                LinkStatus.valueOf(fields.get(STATUS)),
                Integer.parseInt(fields.get(TYPE)),
                expiresAt == null || expiresAt.isEmpty() ? null : Instant.parse(expiresAt),
                "1".equals(fields.get(FORWARD_QUERY)),
                !"0".equals(fields.get(VISIT_LIMIT))));
    }

    private void write(String code, Map<String, String> fields) {
        Write write = new Write(code, fields);
        if (CurrentUnitOfWork.isStarted()) {
            BatchWrites.current(batchName(), ArrayList::new, this::send).add(write);
        } else {
            send(List.of(write));
        }
    }

    private record Write(String code, Map<String, String> fields) {
    }

    /** One pipeline, in the order of the events. */
    private void send(List<Write> writes) {
        String prefix = prefixOfWrites();
        redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Object execute(RedisOperations<K, V> operations) {
                RedisOperations<String, String> pipeline = (RedisOperations<String, String>) operations;
                HashOperations<String, String, String> pipelined = pipeline.opsForHash();
                for (Write write : writes) {
                    pipelined.putAll(prefix + write.code(), write.fields());
                    afterWrite(pipeline, write.code());
                }
                return null;
            }
        });
    }

    private static Map<String, String> target(String url, int redirectType, Instant expiresAt, boolean forwardQuery,
                                              boolean visitLimited) {
        return Map.of(
                URL, url,
                TYPE, Integer.toString(redirectType),
                EXPIRES_AT, expiresAt == null ? "" : expiresAt.toString(),
                FORWARD_QUERY, forwardQuery ? "1" : "0",
                VISIT_LIMIT, visitLimited ? "1" : "0");
    }
}
