package io.shortlink.events.upcasting;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Hands the upcasters to Axon, which puts every {@link EventUpcaster} bean into the chain its event store and the Kafka
 * extension's message converter read with. An auto-configuration rather than a bean of each side, so that the
 * combined application (both sides in one context) gets the chain once.
 */
@AutoConfiguration
public class EventUpcastingAutoConfiguration {

    @Bean
    EventUpcaster linkEventUpcasters() {
        EventUpcasterChain chain = LinkEventUpcasters.chain();
        return chain::upcast;
    }
}
