package io.shortlink.command.limit;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

@Configuration
class VisitLimitSourceConfiguration {

    /** The visit-limits processor reads the read side's reports, and nothing else, from Kafka. */
    @Bean
    StreamableKafkaMessageSource<String, byte[]> visitLimitsMessageSource(
            @Qualifier("eventSerializer") Serializer eventSerializer, ConsumerFactory<String, byte[]> kafkaConsumerFactory,
            Fetcher<String, byte[], KafkaEventMessage> kafkaFetcher, KafkaMessageConverter<String, byte[]> kafkaMessageConverter,
            @Value("${shortlink.visit-limits.topic}") String topic) {
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(topic))
                .serializer(eventSerializer)
                .consumerFactory(kafkaConsumerFactory)
                .fetcher(kafkaFetcher)
                .messageConverter(kafkaMessageConverter)
                .build();
    }

    /** Its token lives with the publisher's, claimed by one command-side instance at a time (docs/adr/0051). */
    @Bean
    ConfigurerModule visitLimitsTokenStore(JpaTokenStore publishingTokenStore) {
        return configurer -> configurer.eventProcessing()
                .registerTokenStore(VisitLimitProcess.PROCESSING_GROUP, axon -> publishingTokenStore);
    }
}
