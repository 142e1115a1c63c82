package io.shortlink.query.redirect;

import io.shortlink.query.processing.BatchWrites;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.HashOperations;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The redirect view in Redis: one hash per code → url, status, type, expiresAt, forwardQuery. The view comes in generations (a
 * replay builds a new one next to the live one): generation 0 keeps the original keys {@code redirect:{code}},
 * generation n uses {@code redirect:{n}:{code}} (codes hold no colon), and {@value #GENERATION_KEY} names the live one.
 * The live view caches that pointer in memory for lookups; {@link #forgetGeneration()} makes it read it again on next
 * use, so a lookup costs one HGETALL. The writes of a processor's batch (the live one's, or a replay's) go to Redis in one
 * pipeline when the batch commits ({@link BatchWrites}), each followed by its announcement in the live view; a
 * generation under construction does not announce. A round trip per event set the pace of the live processor under
 * load (docs/benchmarks.md). Redis failures surface as Spring's
 * {@code DataAccessException}: the caller must then refuse to guess.
 */
@Repository
public class RedirectView {

    /** Where every write is announced, for the near caches of all query-side instances. */
    public static final String CHANGES_CHANNEL = "redirect-view:changes";
    /** Announced on {@link #CHANGES_CHANNEL} instead of a code when the live generation changed ({@code *} is no code character). */
    static final String GENERATION_CHANGED = "*generation";
    static final String GENERATION_KEY = "redirect-view:generation";
    static final String LAST_GENERATION_KEY = "redirect-view:last-generation";

    private static final String KEY_PREFIX = "redirect:";
    private static final String URL = "url";
    private static final String STATUS = "status";
    private static final String TYPE = "type";
    private static final String EXPIRES_AT = "expiresAt";
    /** "1" when the link forwards query strings; absent (entries written before it existed) or "0" when not. */
    private static final String FORWARD_QUERY = "forwardQuery";

    private final StringRedisTemplate redis;
    private final HashOperations<String, String, String> hashes;
    /** Only the live view announces: nobody reads a generation under construction. */
    private final boolean live;
    private volatile String keyPrefix;

    @Autowired
    public RedirectView(StringRedisTemplate redis) {
        this(redis, true, null);
    }

    private RedirectView(StringRedisTemplate redis, boolean live, String keyPrefix) {
        this.redis = redis;
        this.hashes = redis.opsForHash();
        this.live = live;
        this.keyPrefix = keyPrefix;
    }

    /** A view that reads and writes generation {@code generation} only, silently. */
    RedirectView ofGeneration(long generation) {
        return new RedirectView(redis, false, keyPrefix(generation));
    }

    static String keyPrefix(long generation) {
        return generation == 0 ? KEY_PREFIX : KEY_PREFIX + generation + ":";
    }

    /** The code a key of generation {@code generation} belongs to, or {@code null} when the key is not of it. */
    static String codeOf(String key, long generation) {
        String prefix = keyPrefix(generation);
        if (!key.startsWith(prefix)) {
            return null;
        }
        String code = key.substring(prefix.length());
        return code.indexOf(':') < 0 ? code : null;
    }

    /** The keys of every generation, for a SCAN. */
    static String everyKey() {
        return KEY_PREFIX + "*";
    }

    /** The generation a key of {@link #everyKey()} belongs to, or -1 when the key is no view key. */
    static long generationOf(String key) {
        String rest = key.substring(KEY_PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return 0;
        }
        String generation = rest.substring(0, colon);
        return !generation.isEmpty() && generation.chars().allMatch(Character::isDigit) ? Long.parseLong(generation) : -1;
    }

    long liveGeneration() {
        String generation = redis.opsForValue().get(GENERATION_KEY);
        return generation == null ? 0 : Long.parseLong(generation);
    }

    /** Reads the live generation's pointer again on next use: it changed, or an announcement of it may have been lost. */
    void forgetGeneration() {
        if (live) {
            keyPrefix = null;
        }
    }

    private String key(String code) {
        String prefix = keyPrefix;
        if (prefix == null) {
            prefix = keyPrefix(liveGeneration());
            keyPrefix = prefix;
        }
        return prefix + code;
    }

    public Optional<RedirectEntry> find(String code) {
        return entry(hashes.entries(key(code)));
    }

    static Optional<RedirectEntry> entry(Map<String, String> fields) {
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        String expiresAt = fields.get(EXPIRES_AT);
        return Optional.of(new RedirectEntry(
                fields.get(URL),
                RedirectEntry.LinkStatus.valueOf(fields.get(STATUS)),
                Integer.parseInt(fields.get(TYPE)),
                expiresAt == null || expiresAt.isEmpty() ? null : Instant.parse(expiresAt),
                "1".equals(fields.get(FORWARD_QUERY))));
    }

    public void save(String code, RedirectEntry entry) {
        Map<String, String> fields = new HashMap<>(target(entry.url(), entry.redirectType(), entry.expiresAt(), entry.forwardQuery()));
        fields.put(STATUS, entry.status().name());
        write(code, fields);
    }

    /** Changes where and how a code redirects, leaving its status as it is. */
    public void saveTarget(String code, String url, int redirectType, Instant expiresAt, boolean forwardQuery) {
        write(code, target(url, redirectType, expiresAt, forwardQuery));
    }

    public void saveStatus(String code, RedirectEntry.LinkStatus status) {
        write(code, Map.of(STATUS, status.name()));
    }

    private void write(String code, Map<String, String> fields) {
        Write write = new Write(code, fields);
        if (CurrentUnitOfWork.isStarted()) {
            BatchWrites.current(RedirectView.class.getName() + (live ? "" : ":" + keyPrefix), ArrayList::new, this::send).add(write);
        } else {
            send(List.of(write));
        }
    }

    private record Write(String code, Map<String, String> fields) {
    }

    /**
     * One pipeline, in the order of the events: each write, in the live view followed by its announcement. The live
     * view writes into the generation the pointer names now, not the one it cached for lookups: after a replay's
     * switch this instance may resume the live processor before it hears of the switch.
     */
    private void send(List<Write> writes) {
        String prefix = live ? keyPrefix(liveGeneration()) : keyPrefix;
        redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Object execute(RedisOperations<K, V> operations) {
                RedisOperations<String, String> pipeline = (RedisOperations<String, String>) operations;
                HashOperations<String, String, String> pipelined = pipeline.opsForHash();
                for (Write write : writes) {
                    pipelined.putAll(prefix + write.code(), write.fields());
                    if (live) {
                        pipeline.convertAndSend(CHANGES_CHANNEL, write.code());
                    }
                }
                return null;
            }
        });
    }

    private static Map<String, String> target(String url, int redirectType, Instant expiresAt, boolean forwardQuery) {
        return Map.of(
                URL, url,
                TYPE, Integer.toString(redirectType),
                EXPIRES_AT, expiresAt == null ? "" : expiresAt.toString(),
                FORWARD_QUERY, forwardQuery ? "1" : "0");
    }
}
