package io.shortlink.command.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Hands out {@code domain_event_entry.global_index} values as Hibernate's pooled optimizer does for the JPA storage
 * engine this replaced (ADR 0003): each {@code nextval} of {@code domain_event_entry_seq} that returns {@code hi}
 * reserves {@code (hi - increment, hi]} for this process. So blocks taken here never overlap those of an instance of an
 * older build still appending through JPA (a rolling upgrade), and each event costs no round trip of its own.
 */
final class GlobalIndexBlocks {

    private static final String SEQUENCE = "domain_event_entry_seq";

    private long increment;
    /** The block in hand, {@code [next, last]}; empty at first. */
    private long next = 1;
    private long last = 0;

    /** The next global index, from the block in hand or, when it is used up, from a new one read on this connection. */
    synchronized long next(Connection connection) throws SQLException {
        if (next > last) {
            if (increment == 0) {
                increment = query(connection, "select increment_by from pg_sequences"
                        + " where schemaname = current_schema() and sequencename = '" + SEQUENCE + "'");
            }
            long hi = query(connection, "select nextval('" + SEQUENCE + "')");
            if (hi < increment) {
                // The sequence's very first value (1): its block would reach below the lowest index Axon reads.
                hi = query(connection, "select nextval('" + SEQUENCE + "')");
            }
            next = hi - increment + 1;
            last = hi;
        }
        return next++;
    }

    private static long query(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
            if (!result.next()) {
                throw new SQLException("No answer to " + sql + ": is the event store migrated?");
            }
            return result.getLong(1);
        }
    }
}
