package io.shortlink.query.redirect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.dao.DataAccessException;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Answers a code only from a copy of the redirect view that is known to hold every link event that reached the stream
 * more than {@code maxLag} ago; when none can show that, {@link StaleViewException} (503), never a Location that may be
 * stale. The copies, in order:
 * <ol>
 * <li>The near cache: an in-process, bounded copy of what the view answered, unknown codes included, kept right by
 * invalidation. The projection announces every write through Redis ({@link RedirectInvalidations}), and Caffeine makes
 * an invalidation that meets a load in flight wait for it and then remove its result. Every instance also announces on
 * the same channel how far the view is complete ({@link RedirectViewHeartbeat}); Redis delivers a channel's messages
 * in the order it ran them, so a heartbeat heard proves that every announcement of a write before its watermark was
 * heard too. Entries are served only while such proof is fresh: a paused Redis, a broken subscription or a lagging
 * projection silences it within {@code maxLag}.</li>
 * <li>The view in Redis, when its watermark is fresh (a read made after the watermark was proven holds it).</li>
 * <li>The {@link RedirectBackup} in PostgreSQL, uncached, under the same rule with its own watermark.</li>
 * </ol>
 */
public class RedirectCache {

    private final Cache<String, Optional<RedirectEntry>> entries;
    private final Function<String, Optional<RedirectEntry>> view;
    private final LongSupplier viewHeldAsOf;
    private final RedirectBackup backup;
    private final long maxLagMillis;
    private final Clock clock;
    /** The highest watermark heard on the invalidation channel; 0 before the first. */
    private final AtomicLong heardAsOf = new AtomicLong();

    public RedirectCache(Function<String, Optional<RedirectEntry>> view, LongSupplier viewHeldAsOf, RedirectBackup backup,
                         Duration maxLag, Clock clock, long maximumSize, Duration safetyNet, MeterRegistry metrics) {
        this.view = view;
        this.viewHeldAsOf = viewHeldAsOf;
        this.backup = backup;
        this.maxLagMillis = maxLag.toMillis();
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(safetyNet)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(metrics, entries, "redirect-view");
        Gauge.builder("shortlink.redirect.cache.hit.ratio", entries, cache -> cache.stats().hitRate())
                .description("Share of redirect lookups answered by the near cache since start")
                .register(metrics);
    }

    /**
     * @throws StaleViewException when no copy can show it is fresh enough
     * @throws DataAccessException when neither Redis nor the backup can answer
     */
    public Optional<RedirectEntry> find(String code) {
        long oldestAcceptable = clock.millis() - maxLagMillis;
        try {
            return heardAsOf.get() >= oldestAcceptable ? entries.get(code, this::fromView) : fromView(code);
        } catch (DataAccessException | StaleViewException viewCannotAnswer) {
            long backupHeldAsOf = backup.heldAsOf();
            if (backupHeldAsOf < oldestAcceptable) {
                throw new StaleViewException(code, viewCannotAnswer, clock.millis() - backupHeldAsOf);
            }
            return backup.find(code);
        }
    }

    private Optional<RedirectEntry> fromView(String code) {
        long lag = clock.millis() - viewHeldAsOf.getAsLong();
        if (lag > maxLagMillis) {
            throw new StaleViewException(code, lag);
        }
        return view.apply(code);
    }

    /** A heartbeat on the invalidation channel: every write of the view up to {@code heldAsOf} has been announced to us. */
    void heard(long heldAsOf) {
        heardAsOf.accumulateAndGet(heldAsOf, Math::max);
    }

    public void invalidate(String code) {
        entries.invalidate(code);
    }

    public void invalidateAll() {
        entries.invalidateAll();
    }
}
