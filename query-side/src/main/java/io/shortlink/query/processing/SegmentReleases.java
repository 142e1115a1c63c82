package io.shortlink.query.processing;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Releases of a processor's segment on every query-side instance, through Redis pub/sub (on the subscription the near
 * caches listen with): each instance that runs the processor stops working the segment and lets go of its claim,
 * if it holds it, and claims it for no one for the time asked; or may claim it again at once.
 */
@Component
class SegmentReleases implements MessageListener {

    static final String CHANNEL = "processing:segment-releases";
    static final int SEGMENT = 0;
    private static final Logger log = LoggerFactory.getLogger(SegmentReleases.class);

    private final StringRedisTemplate redis;
    private final EventProcessingConfiguration processing;

    SegmentReleases(StringRedisTemplate redis, EventProcessingConfiguration processing, RedisMessageListenerContainer subscriptions) {
        this.redis = redis;
        this.processing = processing;
        subscriptions.addMessageListener(this, new ChannelTopic(CHANNEL));
    }

    void announce(SegmentRelease release) {
        redis.convertAndSend(CHANNEL, release.encoded());
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        SegmentRelease release = SegmentRelease.decoded(new String(message.getBody(), StandardCharsets.UTF_8));
        processing.eventProcessor(release.processor(), TrackingEventProcessor.class).ifPresent(processor -> {
            log.debug("Segment {} of {} released for {}", SEGMENT, release.processor(), release.lasting());
            // a release lasting until now lifts an earlier one: the segment may be claimed again from the next try on
            processor.releaseSegment(SEGMENT, release.lasting().toMillis(), TimeUnit.MILLISECONDS);
        });
    }
}
