package io.shortlink.command.publishing;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

/**
 * The publishing processor has one segment, worked by exactly one command-side instance at a time: the one whose claim
 * on its token (table token_entry) is current; the others try to claim it every second ({@link PublisherBatching})
 * and take over once the owner released it or stopped extending its claim for the claim timeout (docs/adr/0051).
 * Each instance, and each application context in a JVM, claims under an id of its own: Axon's default, the JVM's
 * name, is the same for two contexts in one JVM, which would then both publish.
 * <p>
 * The store is registered for the publishing processor by name rather than found by type: in the combined deployment
 * the query side declares a token store too.
 */
@Configuration
class PublishingTokenClaim {

    @Bean
    JpaTokenStore publishingTokenStore(EntityManagerProvider entityManagers, Serializer serializer,
                                       @Value("${spring.application.name}") String application,
                                       @Value("${shortlink.processing.claim-timeout}") Duration claimTimeout) {
        return JpaTokenStore.builder()
                .entityManagerProvider(entityManagers)
                .serializer(serializer)
                .nodeId(nodeId(application))
                .claimTimeout(claimTimeout)
                .build();
    }

    @Bean
    ConfigurerModule publishingProcessorTokenStore(JpaTokenStore publishingTokenStore) {
        return configurer -> configurer.eventProcessing()
                .registerTokenStore(KafkaEventPublisher.DEFAULT_PROCESSING_GROUP, axon -> publishingTokenStore);
    }

    /** {@code <application>-<pid>@<host>-<random>}: unique per instance and per application context. */
    static String nodeId(String application) {
        return application + "-" + ProcessHandle.current().pid() + "@" + host() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unnamed) {
            return "unknown-host";
        }
    }
}
