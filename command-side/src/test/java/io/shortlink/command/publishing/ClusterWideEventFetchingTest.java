package io.shortlink.command.publishing;

import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The event store keeps few events in memory: a publisher that falls further behind still reads every one, in order. */
class ClusterWideEventFetchingTest {

    private static final int CACHED_EVENTS = 10;

    private final EmbeddedEventStore store = new ClusterWideEventFetching().eventStore(new InMemoryEventStorageEngine(),
            DefaultConfigurer.defaultConfiguration().buildConfiguration(), Duration.ofMillis(50), CACHED_EVENTS);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void aStreamFurtherBehindThanTheCachedEventsReadsEveryEventInOrder() throws InterruptedException {
        TrackingEventStream publisher = store.openStream(null);
        store.publish(GenericEventMessage.asEventMessage("first"));
        assertThat(publisher.nextAvailable().getPayload()).isEqualTo("first");

        List<EventMessage<?>> burst = IntStream.range(0, 10 * CACHED_EVENTS)
                .<EventMessage<?>>mapToObj(GenericEventMessage::asEventMessage).toList();
        store.publish(burst);

        List<Object> read = new ArrayList<>();
        while (read.size() < burst.size()) {
            read.add(publisher.nextAvailable().getPayload());
        }
        assertThat(read).containsExactlyElementsOf(IntStream.range(0, burst.size()).boxed().toList());
        assertThat(publisher.hasNextAvailable()).isFalse();
    }
}
