package io.shortlink.query.redirect;

import org.springframework.data.redis.core.StringRedisTemplate;

/** The writes of a replay into a generation under construction: silent, since nobody reads it yet. */
final class RedirectGenerationWrites extends RedirectWrites {

    private final String prefix;

    RedirectGenerationWrites(StringRedisTemplate redis, long generation) {
        super(redis);
        this.prefix = RedirectKeys.prefix(generation);
    }

    @Override
    String prefixOfWrites() {
        return prefix;
    }

    @Override
    String batchName() {
        return RedirectGenerationWrites.class.getName() + ":" + prefix;
    }
}
