package io.shortlink.query.stats;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.SortedKafkaMessageBuffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

@Configuration
class LinkStatsSourceConfiguration {

    /**
     * The link-stats processor's source: the clicks, and the link events for the links' owners, in one stream whose
     * tracking token holds the positions in both topics.
     * <p>
     * Declared as a plain {@link StreamableMessageSource} on purpose: the Kafka extension creates its own source (the
     * link events only, which redirect-view reads) only while no bean of type {@link StreamableKafkaMessageSource}
     * is declared.
     */
    @Bean
    StreamableMessageSource<TrackedEventMessage<?>> linkStatsMessageSource(
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ConsumerFactory<String, byte[]> kafkaConsumerFactory,
            Fetcher<String, byte[], KafkaEventMessage> kafkaFetcher,
            KafkaMessageConverter<String, byte[]> kafkaMessageConverter,
            KafkaProperties kafka,
            @Value("${shortlink.clicks.topic}") String clicksTopic) {
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(kafka.getDefaultTopic(), clicksTopic))
                .serializer(eventSerializer)
                .consumerFactory(kafkaConsumerFactory)
                .fetcher(kafkaFetcher)
                .messageConverter(kafkaMessageConverter)
                .bufferFactory(() -> new SortedKafkaMessageBuffer<>(kafka.getFetcher().getBufferSize()))
                .build();
    }
}
