package io.shortlink.query.redirect;

import io.shortlink.query.processing.ProcessorWatermark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Announces on {@link RedirectView#CHANGES_CHANNEL}, every interval, how far the redirect view is complete (its
 * {@link ProcessorWatermark}): heard after the announcements of every write it covers, it tells each near cache that
 * its entries are still right ({@link RedirectCache}). Each instance announces its own proof, so the heartbeat goes on
 * whichever instance works the projection; a heartbeat that Redis cannot take is simply missed.
 */
class RedirectViewHeartbeat implements SmartLifecycle {

    /** Starts a heartbeat on the channel, followed by the watermark in epoch milliseconds ({@code ~} is no code character). */
    static final char PREFIX = '~';
    private static final Logger log = LoggerFactory.getLogger(RedirectViewHeartbeat.class);

    private final StringRedisTemplate redis;
    private final ProcessorWatermark watermark;
    private final Duration interval;
    private volatile ScheduledExecutorService beats;

    RedirectViewHeartbeat(StringRedisTemplate redis, ProcessorWatermark watermark, Duration interval) {
        this.redis = redis;
        this.watermark = watermark;
        this.interval = interval;
    }

    static long watermarkOf(String message) {
        return Long.parseLong(message, 1, message.length(), 10);
    }

    private void beat() {
        long heldAsOf = watermark.heldAsOf();
        if (heldAsOf == 0) {
            return;
        }
        try {
            redis.convertAndSend(RedirectView.CHANGES_CHANNEL, PREFIX + Long.toString(heldAsOf));
        } catch (RuntimeException redisAway) {
            log.debug("Redirect view heartbeat missed: {}", redisAway.toString());
        }
    }

    @Override
    public void start() {
        CustomizableThreadFactory thread = new CustomizableThreadFactory("redirect-view-heartbeat");
        thread.setDaemon(true);
        beats = Executors.newSingleThreadScheduledExecutor(thread);
        beats.scheduleWithFixedDelay(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = beats;
        beats = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return beats != null;
    }
}
