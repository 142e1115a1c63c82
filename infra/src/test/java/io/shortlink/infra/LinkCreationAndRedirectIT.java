package io.shortlink.infra;

import io.shortlink.command.link.CreateLinkCommand;
import io.shortlink.command.link.CreateLinkUnderNewCodeCommand;
import io.shortlink.events.LinkCreated;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** POST /api/v1/links, then GET /{code}: through the PostgreSQL event store, Kafka and the Redis view. */
class LinkCreationAndRedirectIT {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static RunningShortlink shortlink;

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.shared();
    }

    @Test
    void aCreatedLinkRedirectsAfterTravellingThroughKafka() throws Exception {
        HttpResponse<String> created = shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/a/very/long/path?x=1\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode link = json.readTree(created.body());
        String code = link.get("code").asString();
        assertThat(code).matches("[0-9A-Za-z]{7}");
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/links/" + code);
        assertThat(link.get("url").asString()).isEqualTo("https://example.com/a/very/long/path?x=1");
        assertThat(link.get("shortUrl").asString()).endsWith("/" + code);
        assertThat(link.get("redirectType").asInt()).isEqualTo(302);
        assertThat(link.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(link.get("expiresAt").isNull()).isTrue();
        assertThat(Instant.parse(link.get("createdAt").asString())).isBetween(Instant.now().minusSeconds(60), Instant.now());

        HttpResponse<String> redirect = shortlink.getUntil("/" + code, r -> r.statusCode() != 404, Duration.ofSeconds(1));
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).contains("https://example.com/a/very/long/path?x=1");
        assertThat(redirect.headers().firstValue("Cache-Control")).contains("private, max-age=0");
        assertThat(redirect.body()).isEmpty();

        HttpResponse<String> head = shortlink.head("/" + code);
        assertThat(head.statusCode()).isEqualTo(302);
        assertThat(head.headers().firstValue("Location")).contains("https://example.com/a/very/long/path?x=1");

        // Keyed by code, so that each code's events keep their order within one partition.
        assertThat(linkEventsOnKafka()).anySatisfy(event -> {
            assertThat(event.key()).isEqualTo(code);
            assertThat(event.value()).contains("\"code\":\"" + code + "\"");
        });
    }

    @Test
    void anAliasRedirectsWithItsRedirectType() throws Exception {
        HttpResponse<String> created = shortlink.post("/api/v1/links",
                "{\"url\":\"https://example.com/launch\",\"alias\":\"launch_2026\",\"redirectType\":308}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json.readTree(created.body()).get("code").asString()).isEqualTo("launch_2026");
        HttpResponse<String> redirect = shortlink.getUntil("/launch_2026", r -> r.statusCode() != 404, Duration.ofSeconds(1));
        assertThat(redirect.statusCode()).isEqualTo(308);
        assertThat(redirect.headers().firstValue("Location")).contains("https://example.com/launch");
    }

    @Test
    void ofTwentyConcurrentCreationsOfOneAliasExactlyOneWins() throws Exception {
        int requests = 20;
        CountDownLatch ready = new CountDownLatch(requests);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String body = "{\"url\":\"https://example.com/contender/" + i + "\",\"alias\":\"contested\"}";
            Callable<HttpResponse<String>> create = () -> {
                ready.countDown();
                ready.await();
                return shortlink.post("/api/v1/links", body);
            };
            answers.add(pool.submit(create));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            responses.add(answer.get());
        }
        pool.shutdown();

        List<HttpResponse<String>> winners = responses.stream().filter(r -> r.statusCode() == 201).toList();
        assertThat(winners).hasSize(1);
        assertThat(responses).filteredOn(r -> r.statusCode() == 409).hasSize(requests - 1)
                .allSatisfy(r -> {
                    assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
                    assertThat(json.readTree(r.body()).get("code").asString()).isEqualTo("alias-taken");
                });
        String winningUrl = json.readTree(winners.get(0).body()).get("url").asString();
        HttpResponse<String> redirect = shortlink.getUntil("/contested", r -> r.statusCode() != 404, Duration.ofSeconds(1));
        assertThat(redirect.headers().firstValue("Location")).contains(winningUrl);
    }

    /**
     * A generated code's stream is not read before its link is created (ADR 0046): the event store alone must refuse
     * a code that someone's alias (or reservation) of the same shape already has, and leave that link as it was.
     */
    @Test
    void theEventStoreRefusesALinkUnderANewCodeThatAnAliasHasTaken() throws Exception {
        String alias = "Nc" + UUID.randomUUID().toString().substring(0, 5);
        HttpResponse<String> created = shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/first\",\"alias\":\"" + alias + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        CommandGateway commands = shortlink.application.getBean(CommandGateway.class);

        CreateLinkCommand sameCode = new CreateLinkCommand(alias, false, "https://example.com/second", null, null, null);
        assertThatThrownBy(() -> commands.sendAndWait(new CreateLinkUnderNewCodeCommand(sameCode)))
                .isInstanceOf(AggregateStreamCreationException.class);

        EventStore events = shortlink.application.getBean(EventStore.class);
        assertThat(events.readEvents(alias).asStream().map(event -> event.getPayload()))
                .singleElement().isInstanceOfSatisfying(LinkCreated.class,
                        link -> assertThat(link.url()).isEqualTo("https://example.com/first"));
        HttpResponse<String> redirect = shortlink.getUntil("/" + alias, r -> r.statusCode() != 404, Duration.ofSeconds(5));
        assertThat(redirect.headers().firstValue("Location")).contains("https://example.com/first");
    }

    @Test
    void anUnknownCodeIsNotFoundAsAPageForBrowsersAndAsAProblemForApiClients() throws Exception {
        HttpResponse<String> page = shortlink.get("/NoSuchCode", "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<h1>Link not found</h1>");

        HttpResponse<String> problem = shortlink.get("/NoSuchCode", "Accept", "application/json");
        assertThat(problem.statusCode()).isEqualTo(404);
        assertThat(problem.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode body = json.readTree(problem.body());
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.get("code").asString()).isEqualTo("link-not-found");
    }

    @Test
    void aBadRequestIsAProblemListingEveryInvalidField() throws Exception {
        HttpResponse<String> rejected = shortlink.post("/api/v1/links",
                "{\"url\":\"javascript:alert(1)\",\"alias\":\"api\",\"redirectType\":303}");

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json.readTree(rejected.body());
        assertThat(problem.get("code").asString()).isEqualTo("validation-failed");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("url", "alias", "redirectType");

        HttpResponse<String> malformed = shortlink.post("/api/v1/links", "{\"url\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    private record KafkaEvent(String key, String value) {
    }

    private static List<KafkaEvent> linkEventsOnKafka() {
        String topic = shortlink.application.getEnvironment().getProperty("axon.kafka.default-topic");
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + shortlink.servers.settings().kafkaPort(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<KafkaEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, byte[]> event : consumer.poll(Duration.ofMillis(500))) {
                    events.add(new KafkaEvent(event.key(), new String(event.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        return events;
    }
}
