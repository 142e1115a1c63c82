package io.shortlink.query.redirect;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class RedirectInvalidationSubscriptionTest {

    /**
     * Spring Data Redis 4.0's container marks itself started before it subscribes and stays so when the subscription
     * fails (a Redis command timeout on a loaded machine at start-up did it): the subscription must be tried again.
     */
    @Test
    void triesAgainWhenTheFirstSubscriptionFails() throws InterruptedException {
        RedisMessageListenerContainer container = mock(RedisMessageListenerContainer.class);
        AtomicBoolean started = new AtomicBoolean();
        AtomicInteger subscriptions = new AtomicInteger();
        doAnswer(call -> {
            if (started.compareAndSet(false, true) && subscriptions.incrementAndGet() == 1) {
                throw new RedisConnectionFailureException("Unable to connect to Redis");
            }
            return null;
        }).when(container).start();
        when(container.isRunning()).thenAnswer(call -> started.get());
        doAnswer(call -> {
            started.set(false);
            return null;
        }).when(container).stop();

        RedirectInvalidationSubscription subscription = new RedirectInvalidationSubscription(container);
        subscription.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (subscriptions.get() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }

        assertThat(subscriptions).as("subscriptions tried").hasValue(2);
        assertThat(started).isTrue();
    }
}
