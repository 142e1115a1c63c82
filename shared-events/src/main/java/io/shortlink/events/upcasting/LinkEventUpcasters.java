package io.shortlink.events.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkCreated;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

import java.util.List;
import java.util.Map;

/**
 * Every revision step of the stored events, oldest first. Both sides read events through this chain: the command
 * side from the event store, the query side from Kafka (whose topics keep every revision ever published). The rule
 * for adding to it is docs/adr/0023.
 */
public final class LinkEventUpcasters {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Revision 2 of LinkCreated and LinkChanged: a link before it had visit limits, query forwarding, tags and titles. */
    private static final Map<String, JsonNode> LINK_FIELDS_OF_REVISION_2 = Map.of(
            "maxVisits", JSON.nullNode(),
            "forwardQuery", JSON.booleanNode(false),
            "tags", JSON.arrayNode(),
            "title", JSON.nullNode());

    private LinkEventUpcasters() {
    }

    public static List<EventUpcaster> all() {
        return List.of(
                new AddedFieldsUpcaster(LinkCreated.class, "1", "2", LINK_FIELDS_OF_REVISION_2),
                new AddedFieldsUpcaster(LinkChanged.class, "1", "2", LINK_FIELDS_OF_REVISION_2));
    }

    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(all());
    }
}
