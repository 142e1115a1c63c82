package io.shortlink.events.upcasting;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One step of an event's history: reads revision {@code from} of {@code type} as revision {@code to}, which only added
 * fields, by giving each added field the value that means what the older revision meant. A field that a stored event
 * has already (it cannot, unless the revision was wrong) is left as it is.
 * <p>
 * It rewrites the payload's bytes with a mapper of its own rather than through the serializer's JSON tree: Axon's
 * default mapper reads the stored instants (seconds with nine decimals) as doubles, which keep only microseconds.
 */
public class AddedFieldsUpcaster extends SingleEventUpcaster {

    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;
    private final Map<String, JsonNode> addedFields;

    public AddedFieldsUpcaster(Class<?> type, String from, String to, Map<String, JsonNode> addedFields) {
        this.from = new SimpleSerializedType(type.getName(), from);
        this.to = new SimpleSerializedType(type.getName(), to);
        this.addedFields = Map.copyOf(addedFields);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return from.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, byte[].class, this::addFields);
    }

    private byte[] addFields(byte[] payload) {
        try {
            ObjectNode fields = (ObjectNode) EXACT.readTree(payload);
            addedFields.forEach((name, value) -> {
                if (!fields.has(name)) {
                    fields.set(name, value.deepCopy());
                }
            });
            return EXACT.writeValueAsBytes(fields);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Cannot upcast a stored " + from.getName(), unreadable);
        }
    }

    @Override
    public String toString() {
        return "upcaster of " + from.getName() + " from revision " + from.getRevision() + " to " + to.getRevision();
    }
}
