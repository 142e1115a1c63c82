package io.shortlink.command.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.github.bucket4j.util.concurrent.batch.BatchHelper;
import io.shortlink.command.caller.ClientPseudonyms;
import io.shortlink.edge.security.ApiKeyPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Link creations and alias reservations per hour: per client IP for anonymous callers (known by a keyed hash of the
 * address, never the address), per key for key holders (the key's own limit or
 * the default), none for the admin. Token buckets (Bucket4j) live in PostgreSQL, so every instance of the command
 * side draws from the same buckets (see docs/adr/0033). The creations of one bucket that arrive while its row is
 * being updated wait and are then taken together, in one transaction (Bucket4j's batching; docs/adr/0046): one
 * caller's concurrent creations no longer queue for the row lock one commit at a time, and each still gets a token
 * of the shared bucket or a refusal.
 */
@Component
public class CreationRateLimits {

    private static final Duration PERIOD = Duration.ofHours(1);
    private static final int EXPIRED_BUCKETS_PER_SWEEP = 1_000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    /** A bucket's proxy holds the batch of creations waiting for its row, so one proxy serves all of them. */
    private final Cache<String, BucketProxy> proxies = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final ClientPseudonyms clients;
    private final long anonymousPerHour;
    private final long perKeyPerHour;

    public CreationRateLimits(DataSource dataSource, ClientPseudonyms clients,
                              @Value("${shortlink.rate-limit.anonymous-per-hour:100}") long anonymousPerHour,
                              @Value("${shortlink.rate-limit.per-key-per-hour:1000}") long perKeyPerHour) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        this.clients = clients;
        this.anonymousPerHour = anonymousPerHour;
        this.perKeyPerHour = perKeyPerHour;
    }

    /** Takes one creation from the caller's bucket, or refuses with the time until the next one is available. */
    public void consume(HttpServletRequest request) {
        Object authenticated = request.getAttribute(ApiKeyPrincipal.REQUEST_ATTRIBUTE);
        String bucket;
        long limit;
        if (authenticated instanceof ApiKeyPrincipal principal) {
            if (principal.admin()) {
                return;
            }
            bucket = "key:" + principal.keyId();
            limit = principal.rateLimitPerHour() == null ? perKeyPerHour : principal.rateLimitPerHour();
        } else {
            bucket = "client:" + clients.of(request);
            limit = anonymousPerHour;
        }
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, PERIOD).build())
                .build();
        BucketProxy batched = proxies.get(bucket + "/" + limit, name -> buckets.builder()
                .withOptimization(Optimizations.batching())
                .build(bucket, () -> configuration));
        ConsumptionProbe probe = takeOne(batched, () -> buckets.builder().build(bucket, () -> configuration));
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw new RateLimitExceededException(limit, seconds);
        }
    }

    /**
     * A token from the batching proxy; when its batch met no bucket (a new one, or one removed as full), from a proxy
     * of its own. Bucket4j (8.14) creates a missing bucket for a lone command but fails a batch of several on it, and
     * takes nothing of that batch: each of its creations then takes its token alone, the first creating the bucket.
     */
    static ConsumptionProbe takeOne(BucketProxy batched, Supplier<BucketProxy> alone) {
        try {
            return batched.tryConsumeAndReturnRemaining(1);
        } catch (BatchHelper.BatchFailedException failed) {
            if (!(failed.getCause() instanceof BucketNotFoundException)) {
                throw failed;
            }
            return alone.get().tryConsumeAndReturnRemaining(1);
        }
    }

    @Scheduled(fixedDelayString = "PT10M")
    void removeFullBuckets() {
        buckets.removeExpired(EXPIRED_BUCKETS_PER_SWEEP);
    }
}
