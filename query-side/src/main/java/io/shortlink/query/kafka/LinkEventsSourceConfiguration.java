package io.shortlink.query.kafka;

import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class LinkEventsSourceConfiguration {

    /**
     * The source of the processors that read the link events alone (redirect-view, link-catalog, api-key-view). It
     * takes the place of the one the Kafka extension would create, which hands records on sorted by timestamp rather
     * than in the order of the topic (see {@link FetchOrderBuffer}).
     */
    @Bean
    StreamableKafkaMessageSource<String, byte[]> streamableKafkaMessageSource(KafkaEventStreams streams, ReadSideTopics topics) {
        return streams.of(topics.linkEvents());
    }
}
