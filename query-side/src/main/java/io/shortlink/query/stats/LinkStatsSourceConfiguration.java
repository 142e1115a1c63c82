package io.shortlink.query.stats;

import io.shortlink.query.kafka.KafkaEventStreams;
import io.shortlink.query.kafka.ReadSideTopics;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class LinkStatsSourceConfiguration {

    /**
     * The link-stats processor's source: the clicks, and the link events for the links' owners, in one stream whose
     * tracking token holds the positions in both topics.
     */
    @Bean
    StreamableMessageSource<TrackedEventMessage<?>> linkStatsMessageSource(KafkaEventStreams streams, ReadSideTopics topics) {
        return streams.of(topics.linkEventsAndClicks());
    }
}
