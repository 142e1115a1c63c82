package io.shortlink.command.publishing;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka extension registers its publishing processor itself, so its batch size cannot be set through
 * axon.eventhandling.processors (that registers a second processor of the same name). With batches, one token
 * update and commit covers up to {@code batch-size} published events instead of one each; an idle processor still
 * sends each event as soon as it is stored.
 */
@Configuration
class PublisherBatching {

    @Bean
    ConfigurerModule kafkaPublisherBatchSize(@Value("${shortlink.publishing.batch-size}") int batchSize) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                KafkaEventPublisher.DEFAULT_PROCESSING_GROUP,
                axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize));
    }
}
