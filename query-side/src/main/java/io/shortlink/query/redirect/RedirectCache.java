package io.shortlink.query.redirect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.dao.DataAccessException;

import java.time.Duration;
import java.util.Optional;

/**
 * The near cache: an in-process, bounded copy of what {@link RedirectView} answered, unknown codes included.
 * It is kept right by invalidation, not by time: the projection announces every write through Redis
 * ({@link RedirectInvalidations}), and Caffeine makes an invalidation that meets a load in flight wait for it and then
 * remove its result, so a value read before a write never survives the write's announcement.
 * The time limit is only a safety net for announcements lost while the subscription reconnects (which also clears).
 * When Redis cannot answer a miss, the PostgreSQL {@link RedirectBackup} does, uncached: no announcement could reach
 * this instance while Redis is down.
 */
public class RedirectCache {

    private final Cache<String, Optional<RedirectEntry>> entries;
    private final RedirectView view;
    private final RedirectBackup backup;
    private volatile boolean listening;

    public RedirectCache(RedirectView view, RedirectBackup backup, long maximumSize, Duration safetyNet, MeterRegistry metrics) {
        this.view = view;
        this.backup = backup;
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

    /** @throws DataAccessException when the code is not cached and neither Redis nor the backup can answer */
    public Optional<RedirectEntry> find(String code) {
        try {
            return listening ? entries.get(code, view::find) : view.find(code);
        } catch (DataAccessException redisUnavailable) {
            return backup.find(code);
        }
    }

    /** Invalidations arrive from now on: entries may be kept. */
    void listening() {
        listening = true;
    }

    public void invalidate(String code) {
        entries.invalidate(code);
    }

    public void invalidateAll() {
        entries.invalidateAll();
    }
}
