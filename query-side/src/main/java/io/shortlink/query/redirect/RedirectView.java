package io.shortlink.query.redirect;

import org.springframework.data.redis.core.HashOperations;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * The live redirect view in Redis (its keys: {@link RedirectKeys}). It caches the live generation's pointer for
 * lookups, so that a lookup costs one HGETALL; {@link #forgetGeneration()} makes it read the pointer again on next
 * use. Each write is followed, in the same pipeline, by its announcement on {@value #CHANGES_CHANNEL} for the near
 * caches of all query-side instances. Redis failures surface as Spring's {@code DataAccessException}: the caller must
 * then refuse to guess.
 */
@Repository
public class RedirectView extends RedirectWrites {

    /** Where every write is announced, for the near caches of all query-side instances. */
    public static final String CHANGES_CHANNEL = "redirect-view:changes";
    /** Announced on {@link #CHANGES_CHANNEL} instead of a code when the live generation changed ({@code *} is no code character). */
    static final String GENERATION_CHANGED = "*generation";

    private final RedirectKeys keys;
    private final HashOperations<String, String, String> hashes;
    private volatile String keyPrefix;

    RedirectView(StringRedisTemplate redis, RedirectKeys keys) {
        super(redis);
        this.keys = keys;
        this.hashes = redis.opsForHash();
    }

    public Optional<RedirectEntry> find(String code) {
        return entry(hashes.entries(key(code)));
    }

    /** Reads the live generation's pointer again on next use: it changed, or an announcement of it may have been lost. */
    void forgetGeneration() {
        keyPrefix = null;
    }

    private String key(String code) {
        String prefix = keyPrefix;
        if (prefix == null) {
            prefix = RedirectKeys.prefix(keys.liveGeneration());
            keyPrefix = prefix;
        }
        return prefix + code;
    }

    /**
     * The generation the pointer names now, not the one cached for lookups: after a replay's switch this instance may
     * resume the live processor before it hears of the switch.
     */
    @Override
    String prefixOfWrites() {
        return RedirectKeys.prefix(keys.liveGeneration());
    }

    @Override
    String batchName() {
        return RedirectView.class.getName();
    }

    @Override
    void afterWrite(RedisOperations<String, String> pipeline, String code) {
        pipeline.convertAndSend(CHANGES_CHANNEL, code);
    }
}
