package io.shortlink.command.publishing;

import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The event store as Axon's auto-configuration declares it (it backs off once one is declared), on the JDBC storage
 * engine ({@code JdbcEventStorage}), with a short fetch delay and a small cache of recent events (ADR 0003). Every
 * command instance appends events, but only the one holding the publisher's claim sends them to Kafka (ADR 0051): Axon tells it at once of the events appended in its own JVM, and finds the other instances' only when it
 * polls the table — by default once a second, which a link created through another instance spent of the contract's
 * one second to become redirectable.
 */
@Configuration
class ClusterWideEventFetching {

    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon,
                                  @Value("${shortlink.publishing.fetch-delay}") Duration fetchDelay,
                                  @Value("${shortlink.publishing.cached-events}") int cachedEvents) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .cachedEvents(cachedEvents)
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }
}
