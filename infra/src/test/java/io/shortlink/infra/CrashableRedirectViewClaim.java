package io.shortlink.infra;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.UUID;

/**
 * Gives the redirect-view processor of an instance a token store that, once {@link Store#crash() crashed}, no longer
 * releases its claim: stopping the instance then leaves the claim behind in token_entry as a killed process would,
 * and another instance can take the processor over only when the claim times out.
 */
@Configuration
class CrashableRedirectViewClaim {

    static final String PROCESSOR = "redirect-view";

    @Bean
    Store crashableRedirectViewStore(EntityManagerProvider entityManagers, Serializer serializer,
                                     @Value("${shortlink.processing.claim-timeout}") Duration claimTimeout) {
        return new Store(JpaTokenStore.builder().entityManagerProvider(entityManagers).serializer(serializer)
                .claimTimeout(claimTimeout), "crashable-" + UUID.randomUUID());
    }

    @Bean
    ConfigurerModule crashableRedirectViewClaims(Store crashableRedirectViewStore) {
        return configurer -> configurer.eventProcessing().registerTokenStore(PROCESSOR, axon -> crashableRedirectViewStore);
    }

    static final class Store extends JpaTokenStore {

        final String nodeId;
        private volatile boolean crashed;

        private Store(Builder builder, String nodeId) {
            super(builder.nodeId(nodeId));
            this.nodeId = nodeId;
        }

        void crash() {
            crashed = true;
        }

        @Override
        public void releaseClaim(String processorName, int segment) {
            if (!crashed) {
                super.releaseClaim(processorName, segment);
            }
        }
    }
}
