package io.shortlink.command.publishing;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The publishing processor works in batches, and waits for Kafka once per batch ({@link BatchAcknowledgedKafkaPublisher}).
 * The Kafka extension registers its publishing processor itself, so its batch size cannot be set through
 * axon.eventhandling.processors (that registers a second processor of the same name). With batches, one token
 * update and commit covers up to {@code batch-size} published events instead of one each; an idle processor still
 * sends each event as soon as it is stored. An instance that does not publish tries to claim the processor every
 * {@code token-claim-interval} ({@link PublishingTokenClaim}).
 */
@org.springframework.context.annotation.Configuration
class PublisherBatching {

    @Bean
    KafkaPublisher<String, byte[]> kafkaPublisher(ProducerFactory<String, byte[]> producers,
                                                  KafkaMessageConverter<String, byte[]> converter, TopicResolver topics,
                                                  Configuration axon,
                                                  @Value("${shortlink.publishing.ack-timeout}") Duration ackTimeout) {
        return new BatchAcknowledgedKafkaPublisher(KafkaPublisher.builder(), producers, converter, topics,
                axon.messageMonitor(KafkaPublisher.class, "kafkaPublisher"), ackTimeout);
    }

    @Bean
    ConfigurerModule kafkaPublisherBatchSize(@Value("${shortlink.publishing.batch-size}") int batchSize,
                                             @Value("${shortlink.processing.token-claim-interval}") Duration tokenClaimInterval) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                KafkaEventPublisher.DEFAULT_PROCESSING_GROUP,
                axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize)
                        .andTokenClaimInterval(tokenClaimInterval.toMillis(), TimeUnit.MILLISECONDS));
    }
}
