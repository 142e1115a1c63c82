package io.shortlink.query.processing;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's default logs a failing event handler and moves on, which would leave a view without that event for good
 * (a Redis hiccup while the redirect view is written, say). Propagating the failure makes the tracking processor
 * keep its token and retry the batch until it succeeds.
 */
@Configuration
class FailingEventHandlers {

    @Bean
    ConfigurerModule retryFailedEventsOfTheReadSide() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(axon -> PropagatingErrorHandler.instance());
    }
}
