package io.shortlink.query.redirect;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.util.Objects;

/**
 * How the redirect view names its keys in Redis, and which generation of them is live. A replay builds a new
 * generation next to the live one: generation 0 keeps the original keys {@code redirect:{code}}, generation n uses
 * {@code redirect:{n}:{code}} (codes hold no colon). {@value #GENERATION_KEY} names the live generation, and
 * {@value #LAST_GENERATION_KEY} counts the generations given out.
 */
@Component
class RedirectKeys {

    private static final String GENERATION_KEY = "redirect-view:generation";
    private static final String LAST_GENERATION_KEY = "redirect-view:last-generation";
    private static final String KEY_PREFIX = "redirect:";

    private final StringRedisTemplate redis;

    RedirectKeys(StringRedisTemplate redis) {
        this.redis = redis;
    }

    static String prefix(long generation) {
        return generation == 0 ? KEY_PREFIX : KEY_PREFIX + generation + ":";
    }

    /** The code a key of generation {@code generation} belongs to, or {@code null} when the key is not of it. */
    static String codeOf(String key, long generation) {
        String prefix = prefix(generation);
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

    /** A generation never given out before. */
    long newGeneration() {
        return Objects.requireNonNull(redis.opsForValue().increment(LAST_GENERATION_KEY));
    }

    void makeLive(long generation) {
        redis.opsForValue().set(GENERATION_KEY, Long.toString(generation));
    }
}
