package io.shortlink.query.processing;

import io.shortlink.edge.processing.ClaimingTokenStores;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The read side's default token store (registered with the Axon configuration rather than found by type: in the
 * combined deployment the command side declares a token store too, for its publishing processor only). Each tracking
 * processor of the read side has one segment, claimed through it ({@link ClaimingTokenStores}); the others try to
 * claim it every second (the processors' token-claim-interval).
 */
@Configuration
class TokenClaims {

    @Bean
    JpaTokenStore queryTokenStore(EntityManagerProvider entityManagers, Serializer serializer,
                                  @Value("${spring.application.name}") String application,
                                  @Value("${shortlink.processing.claim-timeout}") Duration claimTimeout) {
        return ClaimingTokenStores.jpa(entityManagers, serializer, application, claimTimeout);
    }

    @Bean
    ConfigurerModule readSideTokenStore(JpaTokenStore queryTokenStore) {
        return configurer -> configurer.eventProcessing().registerTokenStore(axon -> queryTokenStore);
    }
}
