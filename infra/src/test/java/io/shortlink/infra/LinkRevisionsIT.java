package io.shortlink.infra;

import io.shortlink.events.LinkCreated;
import io.shortlink.events.upcasting.StoredEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.shortlink.infra.RunningShortlink.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored by the build before revision 2, put into the event store and onto the link-events topic of a running
 * system exactly as that build stored them: the command side loads them through the upcasters, the read side builds its views from them, new
 * settings apply to old links, and a replay over the history of both revisions ends equal to the live views.
 */
class LinkRevisionsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static RunningShortlink shortlink;

    /**
     * The revision-1 history as the build before revision 2 left it: rows in the event store, which the command side
     * loads its aggregates from, and records on the link-events topic, which the read side builds its views from.
     * Both carry the stored payload and metadata bytes. (The publisher of this fresh system does not publish the rows:
     * a publisher that first starts on a store with events treats them as a replay, which it skips.)
     */
    @BeforeAll
    static void startWithARevision1History() throws Exception {
        shortlink = RunningShortlink.start(Files.createTempDirectory("shortlink-revisions-it"), false);
        JdbcTemplate jdbc = shortlink.application.getBean(JdbcTemplate.class);
        // Global indexes in a block of the sequence that the application never gets (whichever end of its block
        // Hibernate's pooled optimizer takes a value for).
        long index = jdbc.queryForObject("select nextval('domain_event_entry_seq')", Long.class);
        jdbc.queryForObject("select nextval('domain_event_entry_seq')", Long.class);
        List<DomainEventData<byte[]>> rows = StoredEvents.rows(StoredEvents.REVISION_1);
        for (DomainEventData<byte[]> row : rows) {
            jdbc.update("insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,"
                            + " type, time_stamp, payload_type, payload_revision, payload, meta_data) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ++index, row.getEventIdentifier(), row.getAggregateIdentifier(), row.getSequenceNumber(), row.getType(),
                    row.getTimestamp().toString(), row.getPayload().getType().getName(), row.getPayload().getType().getRevision(),
                    row.getPayload().getData(), row.getMetaData().getData());
        }
        publishAsStored(rows);
    }

    @SuppressWarnings("unchecked")
    private static void publishAsStored(List<DomainEventData<byte[]>> rows) throws Exception {
        KafkaMessageConverter<String, byte[]> converter = shortlink.application.getBean(KafkaMessageConverter.class);
        Environment environment = shortlink.application.getEnvironment();
        List<DomainEventMessage<?>> messages = StoredEvents.read(StoredEvents.REVISION_1, new EventUpcasterChain());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getProperty("axon.kafka.bootstrap-servers"),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < rows.size(); i++) {
                ProducerRecord<String, byte[]> record = asStored(converter.createKafkaMessage(messages.get(i),
                        environment.getProperty("axon.kafka.default-topic")), rows.get(i));
                producer.send(record).get();
            }
        }
    }

    /** {@code record} with the stored payload bytes and revision instead of the current ones. */
    private static ProducerRecord<String, byte[]> asStored(ProducerRecord<String, byte[]> record, DomainEventData<byte[]> row) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove("axon-message-revision");
        headers.add(new RecordHeader("axon-message-revision",
                row.getPayload().getType().getRevision().getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(record.topic(), null, record.key(), row.getPayload().getData(), headers);
    }

    @AfterAll
    static void stop() {
        shortlink.close();
    }

    @Test
    void theOldLinksRedirectAndShowNoNewSettings() throws Exception {
        assertThat(shortlink.headUntil("/rev1-launch", r -> r.statusCode() == 307, Duration.ofSeconds(20))
                .headers().firstValue("Location")).contains("https://example.com/launch-v2");
        assertThat(shortlink.headUntil("/KKNFKyQ", r -> r.statusCode() == 302, Duration.ofSeconds(20))
                .headers().firstValue("Location")).contains("https://example.com/anonymous?x=1#top");
        assertThat(shortlink.headUntil("/rev1-deleted", r -> r.statusCode() == 410, Duration.ofSeconds(20)).statusCode()).isEqualTo(410);
        assertThat(shortlink.headUntil("/rev1-reserved", r -> r.statusCode() == 404, Duration.ofSeconds(20)).statusCode()).isEqualTo(404);

        JsonNode expiring = JSON.readTree(shortlink.getUntil("/api/v1/links/rev1-expiring", r -> r.statusCode() == 200,
                Duration.ofSeconds(20)).body());
        assertThat(expiring.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(expiring.get("maxVisits").isNull()).isTrue();
        assertThat(expiring.get("forwardQuery").asBoolean()).isFalse();
        assertThat(expiring.get("tags")).isEmpty();
        assertThat(expiring.get("title").isNull()).isTrue();

        JsonNode history = JSON.readTree(shortlink.as(ADMIN, "GET", "/api/v1/links/rev1-expiring/history", null).body());
        assertThat(history).extracting(entry -> entry.get("type").asString())
                .containsExactly("LinkCreated", "LinkExpired", "LinkChanged", "LinkReactivated");
        assertThat(history.get(0).get("data").get("tags")).isEmpty();
        assertThat(history.get(0).get("by").asString()).isEqualTo("alice");
    }

    @Test
    void anOldLinkTakesTheNewSettingsAndTheReplayOfBothRevisionsEqualsTheLiveViews() throws Exception {
        shortlink.headUntil("/rev1-launch", r -> r.statusCode() == 307, Duration.ofSeconds(20));
        HttpResponse<String> changed = shortlink.as("alice", "PATCH", "/api/v1/links/rev1-launch",
                "{\"forwardQuery\":true,\"tags\":[\"Launch\",\"q4\"],\"title\":\"Launch\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode link = JSON.readTree(changed.body());
        assertThat(link.get("tags")).extracting(JsonNode::asString).containsExactly("launch", "q4");
        assertThat(link.get("url").asString()).isEqualTo("https://example.com/launch-v2");
        assertThat(link.get("redirectType").asInt()).isEqualTo(307);

        HttpResponse<String> created = shortlink.as("alice", "POST", "/api/v1/links",
                "{\"url\":\"https://example.com/new\",\"tags\":[\"q4\"],\"maxVisits\":5}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String code = JSON.readTree(created.body()).get("code").asString();
        assertThat(shortlink.getUntil("/rev1-launch?utm=x", r -> r.headers().firstValue("Location").orElse("").contains("utm"),
                Duration.ofSeconds(10)).headers().firstValue("Location")).contains("https://example.com/launch-v2?utm=x");

        // The catalog learns of the new link on its own, after the creation's answer.
        HttpResponse<String> tagged = shortlink.getUntil("/api/v1/links?tag=Q4", r -> r.body().contains("\"" + code + "\""),
                Duration.ofSeconds(10), "Authorization", shortlink.bearer("alice"));
        assertThat(JSON.readTree(tagged.body()).get("items")).extracting(item -> item.get("code").asString())
                .containsExactlyInAnyOrder("rev1-launch", code);

        HttpResponse<String> started = shortlink.as(ADMIN, "POST", "/api/v1/admin/replays", "{\"projection\":\"all\",\"verifyOnly\":true}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = JSON.readTree(started.body()).get("id").asString();
        JsonNode replay = JSON.readTree(shortlink.getUntil("/api/v1/admin/replays/" + id, r -> !r.body().contains("\"RUNNING\""),
                Duration.ofSeconds(90), "Authorization", shortlink.bearer(ADMIN)).body());
        assertThat(replay.get("status").asString()).as(replay.toString()).isEqualTo("DONE");
        assertThat(replay.get("differences")).as(replay.toString()).isEmpty();
    }

    /** Kafka keeps every revision ever published: the read side's converter reads a revision-1 record as revision 2. */
    @Test
    @SuppressWarnings("unchecked")
    void theReadSideUpcastsRevision1RecordsFromKafka() {
        KafkaMessageConverter<String, byte[]> converter = shortlink.application.getBean(KafkaMessageConverter.class);
        DomainEventData<byte[]> stored = StoredEvents.rows(StoredEvents.REVISION_1).get(0);
        ProducerRecord<String, byte[]> record = asStored(converter.createKafkaMessage(
                StoredEvents.read(StoredEvents.REVISION_1, new EventUpcasterChain()).get(0), "t"), stored);

        EventMessage<?> read = converter.readKafkaMessage(new ConsumerRecord<>("t", 0, 0, 0, TimestampType.CREATE_TIME, 0, 0,
                record.key(), record.value(), record.headers(), Optional.empty())).orElseThrow();

        assertThat(read.getPayload()).isEqualTo(new LinkCreated("KKNFKyQ", "https://example.com/anonymous?x=1#top", null, 302,
                null, Instant.parse("2026-12-02T10:33:53.248429872Z"), null, false, List.of(), null));
    }
}
