package io.shortlink.events.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of {@code domain_event_entry} exactly as a real event store holds them, dumped as JSON (payload and metadata as
 * their UTF-8 text), and read back the way the JPA storage engine reads them: through an upcaster chain into messages.
 * {@code revision-1/domain_event_entry.json} was dumped from the build of 2026-12-02 (before revision 2) after creating,
 * changing, expiring, reactivating and deleting links through its HTTP API.
 */
public final class StoredEvents {

    public static final String REVISION_1 = "/revision-1/domain_event_entry.json";

    /** Serializes as the applications' event serializer does: Axon's JacksonSerializer with java.time support. */
    public static final Serializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(JsonMapper.builder().findAndAddModules().build())
            .build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredEvents() {
    }

    public static List<DomainEventData<byte[]>> rows(String resource) {
        try (InputStream in = StoredEvents.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No stored events at " + resource);
            }
            List<DomainEventData<byte[]>> rows = new ArrayList<>();
            for (JsonNode row : JSON.readTree(in)) {
                rows.add(new GenericDomainEventEntry<>(row.get("type").asText(), row.get("aggregateIdentifier").asText(),
                        row.get("sequenceNumber").asLong(), row.get("eventIdentifier").asText(), row.get("timeStamp").asText(),
                        row.get("payloadType").asText(), row.get("payloadRevision").asText(), bytes(row.get("payload")),
                        bytes(row.get("metaData"))));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored events in the order of the store, read through {@code upcasters}. */
    public static List<DomainEventMessage<?>> read(String resource, EventUpcaster upcasters) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(rows(resource).stream(), SERIALIZER, upcasters)
                .asStream().<DomainEventMessage<?>>map(event -> event).toList();
    }

    /** The stored events of one aggregate, through the applications' upcasters. */
    public static List<DomainEventMessage<?>> of(String aggregate) {
        return read(REVISION_1, LinkEventUpcasters.chain()).stream()
                .filter(event -> event.getAggregateIdentifier().equals(aggregate)).toList();
    }

    private static byte[] bytes(JsonNode text) {
        return text.asText().getBytes(StandardCharsets.UTF_8);
    }
}
