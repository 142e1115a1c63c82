package io.shortlink.query.redirect;

import org.springframework.data.redis.core.HashOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The redirect view in Redis: one hash per code, {@code redirect:{code}} → url, status, type, expiresAt.
 * Redis failures surface as Spring's {@code DataAccessException}: the caller must then refuse to guess.
 */
@Repository
public class RedirectView {

    /** Where every write is announced, for the near caches of all query-side instances. */
    public static final String CHANGES_CHANNEL = "redirect-view:changes";

    private static final String KEY_PREFIX = "redirect:";
    private static final String URL = "url";
    private static final String STATUS = "status";
    private static final String TYPE = "type";
    private static final String EXPIRES_AT = "expiresAt";

    private final StringRedisTemplate redis;
    private final HashOperations<String, String, String> hashes;

    public RedirectView(StringRedisTemplate redis) {
        this.redis = redis;
        this.hashes = redis.opsForHash();
    }

    public Optional<RedirectEntry> find(String code) {
        Map<String, String> fields = hashes.entries(KEY_PREFIX + code);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        String expiresAt = fields.get(EXPIRES_AT);
        return Optional.of(new RedirectEntry(
                fields.get(URL),
                RedirectEntry.LinkStatus.valueOf(fields.get(STATUS)),
                Integer.parseInt(fields.get(TYPE)),
                expiresAt == null || expiresAt.isEmpty() ? null : Instant.parse(expiresAt)));
    }

    public void save(String code, RedirectEntry entry) {
        hashes.putAll(KEY_PREFIX + code, Map.of(
                URL, entry.url(),
                STATUS, entry.status().name(),
                TYPE, Integer.toString(entry.redirectType()),
                EXPIRES_AT, entry.expiresAt() == null ? "" : entry.expiresAt().toString()));
        redis.convertAndSend(CHANGES_CHANNEL, code);
    }
}
