package io.shortlink.query.processing;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

/**
 * Each tracking processor of the read side has one segment, worked by exactly one instance at a time: the one whose
 * claim on its token (table token_entry) is current. The others try to claim it every second (the processors'
 * token-claim-interval) and take over once the owner released it or stopped extending its claim for the claim
 * timeout (docs/adr/0051). Each instance, and each application context in a JVM, claims under an id of its own:
 * Axon's default, the JVM's name, is the same for two contexts in one JVM, which would then both work a segment.
 * <p>
 * The store is the read side's default token store (registered with the Axon configuration rather than found by
 * type): in the combined deployment the command side declares a token store too, for its publishing processor only.
 */
@Configuration
class TokenClaims {

    @Bean
    JpaTokenStore queryTokenStore(EntityManagerProvider entityManagers, Serializer serializer,
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
    ConfigurerModule readSideTokenStore(JpaTokenStore queryTokenStore) {
        return configurer -> configurer.eventProcessing().registerTokenStore(axon -> queryTokenStore);
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
