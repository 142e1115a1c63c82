package io.shortlink.query.redirect;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.shortlink.query.click.ClickRecorder;
import io.shortlink.query.click.ClickSettings;
import io.shortlink.query.kafka.ReadSideTopics;
import io.shortlink.query.processing.ProcessorWatermark;
import io.shortlink.query.processing.ProcessorWatermarks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

@Configuration
class RedirectConfiguration {

    @Bean
    ProcessorWatermark redirectViewWatermark(ProcessorWatermarks watermarks, ReadSideTopics topics) {
        return watermarks.of(RedirectViewProjection.PROCESSING_GROUP, topics.linkEvents());
    }

    @Bean
    RedirectViewHeartbeat redirectViewHeartbeat(StringRedisTemplate redis, ProcessorWatermark redirectViewWatermark,
                                                @Value("${shortlink.freshness.check-interval}") Duration interval) {
        return new RedirectViewHeartbeat(redis, redirectViewWatermark, interval);
    }

    @Bean
    RedirectCache redirectCache(RedirectView view, ProcessorWatermark redirectViewWatermark, RedirectBackup backup, MeterRegistry metrics,
                                @Value("${shortlink.freshness.max-lag}") Duration maxLag,
                                @Value("${shortlink.redirect.near-cache.maximum-size}") long maximumSize,
                                @Value("${shortlink.redirect.near-cache.safety-net}") Duration safetyNet) {
        return new RedirectCache(view::find, redirectViewWatermark::heldAsOf, backup, maxLag, Clock.systemUTC(),
                maximumSize, safetyNet, metrics);
    }

    /** Without a connection, fail a lookup at once (503) instead of queueing it until the command timeout. */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    RedisMessageListenerContainer redirectInvalidationListener(RedisConnectionFactory redis, RedirectCache cache, RedirectView view) {
        RedisMessageListenerContainer container = changesListener(redis, new RedirectInvalidations(cache, view));
        container.setAutoStartup(false);
        return container;
    }

    /**
     * Hands {@code listener} the announcements on {@link RedirectView#CHANGES_CHANNEL} one after the other on one
     * thread, in the order Redis sent them: a heartbeat proves to the near cache only that the writes announced before
     * it were heard ({@link RedirectCache}). The container's default executor starts a thread per message, which
     * loses that order and cost a thread start per code written (docs/benchmarks.md, "Import"). Not the Lettuce
     * thread itself: an invalidation waits for a near-cache load of its code in flight, which may wait for that thread.
     * The dispatch thread ends after a minute without announcements, so nothing needs shutting down.
     */
    static RedisMessageListenerContainer changesListener(RedisConnectionFactory redis, MessageListener listener) {
        CustomizableThreadFactory thread = new CustomizableThreadFactory("redirect-invalidations-");
        thread.setDaemon(true);
        ThreadPoolExecutor inOrder = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), thread);
        inOrder.allowCoreThreadTimeOut(true);
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.setRecoveryInterval(1_000L);
        container.setTaskExecutor(inOrder);
        container.addMessageListener(listener, new ChannelTopic(RedirectView.CHANGES_CHANNEL));
        return container;
    }

    @Bean
    RedirectInvalidationSubscription redirectInvalidationSubscription(RedisMessageListenerContainer redirectInvalidationListener) {
        return new RedirectInvalidationSubscription(redirectInvalidationListener);
    }

    /** After Redis comes back, reconnect within a second or two rather than Lettuce's default of up to 30 s. */
    @Bean
    ClientResourcesBuilderCustomizer quickRedisReconnect() {
        return resources -> resources.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
    }

    @Bean
    FilterRegistrationBean<RedirectFilter> redirectFilter(RedirectCache cache, MeterRegistry metrics, ClickRecorder clicks,
                                                          ClickSettings clickSettings) {
        FilterRegistrationBean<RedirectFilter> registration = new FilterRegistrationBean<>(new RedirectFilter(cache,
                Clock.systemUTC(), new RedirectMetrics(metrics), clickSettings.recording() ? clicks : null));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
