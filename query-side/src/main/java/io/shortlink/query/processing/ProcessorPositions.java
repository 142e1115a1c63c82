package io.shortlink.query.processing;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Where a processor stands, as its owner last stored it in token_entry, read without claiming the token: the owner
 * may be any instance, and a claim would take the processor from it.
 */
@Component
public class ProcessorPositions {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    ProcessorPositions(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The stored token of the processor's one segment; {@code null} when it has none (yet). */
    public TrackingToken of(String processor) {
        List<TrackingToken> tokens = jdbc.query("select token, token_type from token_entry where processor_name = ? and segment = ?",
                (row, number) -> deserialized(row.getBytes("token"), row.getString("token_type")), processor, SegmentReleases.SEGMENT);
        return tokens.isEmpty() ? null : tokens.get(0);
    }

    private TrackingToken deserialized(byte[] token, String type) {
        if (token == null) {
            return null;
        }
        TrackingToken stored = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, new SimpleSerializedType(type, null)));
        return WrappedToken.unwrapUpperBound(stored);
    }
}
