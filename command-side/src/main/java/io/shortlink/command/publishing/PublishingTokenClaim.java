package io.shortlink.command.publishing;

import io.shortlink.edge.processing.ClaimingTokenStores;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The publishing processor's token store, registered for it by name rather than found by type (in the combined
 * deployment the query side declares a token store too). The processor has one segment, worked by exactly one
 * command-side instance at a time ({@link ClaimingTokenStores}); the others try to claim it every second
 * ({@link PublisherBatching}).
 */
@Configuration
class PublishingTokenClaim {

    @Bean
    JpaTokenStore publishingTokenStore(EntityManagerProvider entityManagers, Serializer serializer,
                                       @Value("${spring.application.name}") String application,
                                       @Value("${shortlink.processing.claim-timeout}") Duration claimTimeout) {
        return ClaimingTokenStores.jpa(entityManagers, serializer, application, claimTimeout);
    }

    @Bean
    ConfigurerModule publishingProcessorTokenStore(JpaTokenStore publishingTokenStore) {
        return configurer -> configurer.eventProcessing()
                .registerTokenStore(KafkaEventPublisher.DEFAULT_PROCESSING_GROUP, axon -> publishingTokenStore);
    }
}
