package io.shortlink.query.redirect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Starts the invalidation subscription in the background and keeps trying until Redis answers: a Redis that is slow
 * or down at start-up must not stop the query side from starting (until the subscription stands, the near cache
 * keeps nothing, so nothing can go stale).
 */
class RedirectInvalidationSubscription implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedirectInvalidationSubscription.class);
    private static final long RETRY_MILLIS = 1_000;

    private final RedisMessageListenerContainer container;
    private volatile Thread starter;

    RedirectInvalidationSubscription(RedisMessageListenerContainer container) {
        this.container = container;
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::subscribe, "redirect-invalidation-subscriber");
        thread.setDaemon(true);
        starter = thread;
        thread.start();
    }

    private void subscribe() {
        while (!Thread.currentThread().isInterrupted() && !container.isRunning()) {
            try {
                container.start();
            } catch (RuntimeException redisNotThereYet) {
                log.warn("Near-cache invalidations not subscribed yet, retrying: {}", redisNotThereYet.getMessage());
                // The container counts itself started before it subscribes, and a failed subscription leaves it so:
                // without a stop, the loop would end and nothing would ever subscribe — no near cache, no segment
                // releases — until a restart.
                container.stop();
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException stopping) {
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        if (starter != null) {
            starter.interrupt();
        }
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return starter != null && (starter.isAlive() || container.isRunning());
    }
}
