package io.shortlink.command.persistence;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The event store's storage: Axon's JDBC engine on the tables its JPA engine created (ADR 0003, amendment). An append
 * is one batched insert and a read one query, on the connection of the Spring transaction around them, without a
 * Hibernate session, entities and their flush in between.
 */
@Configuration
class JdbcEventStorage {

    static final EventSchema SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration axon, DataSource dataSource,
                                          TransactionManager transactions) {
        return engine(connections(dataSource), transactions, eventSerializer, defaultSerializer, persistenceExceptionResolver)
                .upcasterChain(axon.upcasterChain())
                .snapshotFilter(axon.snapshotFilter())
                .build();
    }

    /**
     * The connection of the Spring transaction in progress, as Hibernate's is. Not wrapped for the unit of work, as
     * Axon's auto-configuration does: that wrapper commits or rolls back the connection itself when a unit of work
     * ends, which inside a larger transaction (an Idempotency-Key's, a bulk item's) would end that transaction early.
     */
    static ConnectionProvider connections(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /** The engine on these tables, with what it needs from its surroundings; the rest is Axon's defaults. */
    static JdbcEventStorageEngine.Builder engine(ConnectionProvider connections, TransactionManager transactions,
                                                 Serializer eventSerializer, Serializer snapshotSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver) {
        GlobalIndexBlocks indexes = new GlobalIndexBlocks();
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(SCHEMA)
                .dataType(byte[].class)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .appendEvents((connection, schema, dataType, events, serializer, timestamps) ->
                        append(indexes, connection, schema, dataType, events, serializer, timestamps));
    }

    /** Axon's insert, with the global index that the table (made for the JPA engine) does not fill in itself. */
    private static PreparedStatement append(GlobalIndexBlocks indexes, Connection connection, EventSchema schema,
                                            Class<?> dataType, List<? extends EventMessage<?>> events,
                                            Serializer serializer, TimestampWriter timestamps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("insert into " + schema.domainEventTable() + " ("
                + schema.globalIndexColumn() + ", " + schema.domainEventFields() + ") values (?,?,?,?,?,?,?,?,?,?)");
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = message instanceof DomainEventMessage<?> domainEvent ? domainEvent
                    : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message, message::getTimestamp);
            SerializedObject<?> payload = event.serializePayload(serializer, dataType);
            SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
            statement.setLong(1, indexes.next(connection));
            statement.setString(2, event.getIdentifier());
            statement.setString(3, event.getAggregateIdentifier());
            statement.setLong(4, event.getSequenceNumber());
            statement.setString(5, event.getType());
            timestamps.writeTimestamp(statement, 6, event.getTimestamp());
            statement.setString(7, payload.getType().getName());
            statement.setString(8, payload.getType().getRevision());
            statement.setObject(9, payload.getData());
            statement.setObject(10, metaData.getData());
            statement.addBatch();
        }
        return statement;
    }
}
