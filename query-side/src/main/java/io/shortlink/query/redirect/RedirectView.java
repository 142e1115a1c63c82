package io.shortlink.query.redirect;

import org.springframework.data.redis.core.HashOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.HashMap;
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
        Map<String, String> fields = new HashMap<>(target(entry.url(), entry.redirectType(), entry.expiresAt()));
        fields.put(STATUS, entry.status().name());
        hashes.putAll(KEY_PREFIX + code, fields);
        announce(code);
    }

    /** Changes where and how a code redirects, leaving its status as it is. */
    public void saveTarget(String code, String url, int redirectType, Instant expiresAt) {
        hashes.putAll(KEY_PREFIX + code, target(url, redirectType, expiresAt));
        announce(code);
    }

    public void saveStatus(String code, RedirectEntry.LinkStatus status) {
        hashes.put(KEY_PREFIX + code, STATUS, status.name());
        announce(code);
    }

    private void announce(String code) {
        redis.convertAndSend(CHANGES_CHANNEL, code);
    }

    private static Map<String, String> target(String url, int redirectType, Instant expiresAt) {
        return Map.of(
                URL, url,
                TYPE, Integer.toString(redirectType),
                EXPIRES_AT, expiresAt == null ? "" : expiresAt.toString());
    }
}
