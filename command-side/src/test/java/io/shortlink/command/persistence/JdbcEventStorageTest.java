package io.shortlink.command.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.hibernate.id.IntegralDataTypeHolder;
import org.hibernate.id.IdentifierGeneratorHelper;
import org.hibernate.id.enhanced.AccessCallback;
import org.hibernate.id.enhanced.PooledOptimizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JDBC engine on the event store's real tables, beside what the JPA engine it replaced wrote. */
class JdbcEventStorageTest {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void migrate() throws IOException {
        postgres = EmbeddedPostgres.start();
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/command")
                .table("flyway_history_command").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void globalIndexesNeverMeetThoseOfHibernatesPooledOptimizer() throws SQLException {
        GlobalIndexBlocks blocks = new GlobalIndexBlocks();
        PooledOptimizer hibernate = new PooledOptimizer(Long.class, 50);
        hibernate.injectInitialValue(1); // as Hibernate does for a sequence that starts with 1
        List<Long> taken = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 37 + round; i++) {
                    taken.add(((Number) hibernate.generate(nextval())).longValue());
                }
                for (int i = 0; i < 61 - round; i++) {
                    taken.add(blocks.next(connection));
                }
            }
        }
        assertThat(taken).doesNotHaveDuplicates().allSatisfy(index -> assertThat(index).isPositive());
    }

    @Test
    void appendsAndReadsBackAStreamAndTheTrackedEvents() throws SQLException {
        EventStorageEngine engine = engine();
        String aggregate = "stream-" + System.nanoTime();
        engine.appendEvents(event(aggregate, 0, "created"), event(aggregate, 1, "changed"));

        assertThat(engine.readEvents(aggregate).asStream().map(message -> (Object) message.getPayload()))
                .containsExactly(Map.of("what", "created"), Map.of("what", "changed"));
        List<? extends TrackedEventMessage<?>> tracked = engine.readEvents(null, false)
                .filter(message -> message instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier().equals(aggregate))
                .toList();
        assertThat(tracked).extracting(message -> ((DomainEventMessage<?>) message).getSequenceNumber()).containsExactly(0L, 1L);
        Set<Long> indexes = jdbc.queryForList("select global_index from domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregate).stream().collect(Collectors.toSet());
        assertThat(indexes).hasSize(2);
    }

    @Test
    void aSecondStreamUnderTheSameIdentifierIsRefusedAsAStreamCreation() throws SQLException {
        EventStorageEngine engine = engine();
        String aggregate = "taken-" + System.nanoTime();
        engine.appendEvents(event(aggregate, 0, "first"));

        assertThatThrownBy(() -> engine.appendEvents(event(aggregate, 0, "second")))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(new HashSet<>(jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ?",
                String.class, aggregate))).hasSize(1);
    }

    @Test
    void aRefusedCommandWithinALargerTransactionUndoesOnlyItsOwnPartUntilThatTransactionEnds() throws SQLException {
        DataSourceTransactionManager spring = new DataSourceTransactionManager(dataSource);
        SpringTransactionManager axon = new SpringTransactionManager(spring);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        EventStorageEngine engine = JdbcEventStorage.engine(JdbcEventStorage.connections(dataSource), axon, serializer,
                serializer, new SQLErrorCodesResolver(dataSource)).build();
        String before = "before-" + System.nanoTime();
        String refused = "refused-" + System.nanoTime();

        new TransactionTemplate(spring).executeWithoutResult(request -> {
            engine.appendEvents(event(before, 0, "written by the request before its command"));
            DefaultUnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
            command.attachTransaction(axon);
            engine.appendEvents(event(refused, 0, "appended, then refused"));
            command.rollback(new IllegalArgumentException("refused"));

            // An Idempotency-Key's request goes on to store the refusal: what it wrote before is still there.
            assertThat(count(before)).isOne();
            request.setRollbackOnly();
        });

        assertThat(count(before) + count(refused)).isZero();
    }

    private static int count(String aggregate) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?", Integer.class,
                aggregate);
    }

    private static EventStorageEngine engine() throws SQLException {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        PersistenceExceptionResolver duplicates = new SQLErrorCodesResolver(dataSource);
        return JdbcEventStorage.engine(dataSource::getConnection, NoTransactionManager.instance(), serializer, serializer,
                duplicates).build();
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence, String what) {
        return new GenericDomainEventMessage<>("Link", aggregate, sequence, Map.of("what", what));
    }

    private static AccessCallback nextval() {
        return new AccessCallback() {
            @Override
            public IntegralDataTypeHolder getNextValue() {
                IntegralDataTypeHolder value = IdentifierGeneratorHelper.getIntegralDataTypeHolder(Long.class);
                value.initialize(jdbc.queryForObject("select nextval('domain_event_entry_seq')", Long.class));
                return value;
            }

            @Override
            public String getTenantIdentifier() {
                return null;
            }
        };
    }
}
