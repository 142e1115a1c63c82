package io.shortlink.query.redirect;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shortlink.events.LinkStatus;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The freshness rules of the redirect lookups, with the view, its backup and the clock as fakes. */
class RedirectCacheTest {

    private static final Duration MAX_LAG = Duration.ofMillis(800);
    private static final long NOW = 1_000_000;

    private final Map<String, RedirectEntry> redis = new HashMap<>();
    private final AtomicInteger redisReads = new AtomicInteger();
    private boolean redisAway;
    private long viewHeldAsOf = NOW - 100;
    private final FakeBackup backup = new FakeBackup();
    private final RedirectCache cache = new RedirectCache(this::readRedis, () -> viewHeldAsOf, backup, MAX_LAG,
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), 1_000, Duration.ofMinutes(1), new SimpleMeterRegistry());

    @Test
    void servesFromTheNearCacheWhileAFreshHeartbeatVouchesForIt() {
        redis.put("abc", entry("https://example.com/old"));
        cache.heard(NOW - 100);
        assertThat(cache.find("abc")).contains(entry("https://example.com/old"));
        redis.put("abc", entry("https://example.com/new")); // its announcement not heard yet
        assertThat(cache.find("abc")).contains(entry("https://example.com/old"));
        assertThat(redisReads).hasValue(1);
    }

    @Test
    void aSilentChannelSendsEveryLookupToTheView() {
        redis.put("abc", entry("https://example.com/old"));
        cache.heard(NOW - 801);
        cache.find("abc");
        redis.put("abc", entry("https://example.com/new"));
        assertThat(cache.find("abc")).contains(entry("https://example.com/new"));
        assertThat(redisReads).hasValue(2);
    }

    @Test
    void aLaggingViewIsNotReadButItsFreshBackupIs() {
        redis.put("abc", entry("https://example.com/old"));
        backup.entries.put("abc", entry("https://example.com/new"));
        viewHeldAsOf = NOW - 801;
        assertThat(cache.find("abc")).contains(entry("https://example.com/new"));
        assertThat(redisReads).hasValue(0);
    }

    @Test
    void anUnreachableRedisIsBackedUpByAFreshCatalog() {
        redisAway = true;
        backup.entries.put("abc", entry("https://example.com/new"));
        assertThat(cache.find("abc")).contains(entry("https://example.com/new"));
        assertThat(cache.find("unknown")).isEmpty();
    }

    @Test
    void withoutAnyFreshCopyTheAnswerIsStaleViewNotAGuess() {
        redisAway = true;
        backup.entries.put("abc", entry("https://example.com/maybe-old"));
        backup.heldAsOf = NOW - 801;
        assertThatThrownBy(() -> cache.find("abc")).isInstanceOf(StaleViewException.class);

        redisAway = false;
        viewHeldAsOf = NOW - 801;
        assertThatThrownBy(() -> cache.find("abc")).isInstanceOf(StaleViewException.class).hasMessageContaining("801 ms");
    }

    @Test
    void aHeartbeatNeverMovesWhatWasHeardBack() {
        redis.put("abc", entry("https://example.com/old"));
        cache.heard(NOW - 100);
        cache.heard(NOW - 5_000); // a late one from another instance
        cache.find("abc");
        cache.find("abc");
        assertThat(redisReads).hasValue(1);
    }

    private Optional<RedirectEntry> readRedis(String code) {
        if (redisAway) {
            throw new RedisConnectionFailureException("Redis away");
        }
        redisReads.incrementAndGet();
        return Optional.ofNullable(redis.get(code));
    }

    private static RedirectEntry entry(String url) {
        return new RedirectEntry(url, LinkStatus.ACTIVE, 302, null, false, false);
    }

    private static final class FakeBackup implements RedirectBackup {

        final Map<String, RedirectEntry> entries = new HashMap<>();
        long heldAsOf = NOW - 100;

        @Override
        public Optional<RedirectEntry> find(String code) {
            return Optional.ofNullable(entries.get(code));
        }

        @Override
        public long heldAsOf() {
            return heldAsOf;
        }
    }
}
