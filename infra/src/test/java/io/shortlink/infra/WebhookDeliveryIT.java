package io.shortlink.infra;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks against a local receiver (the JDK's HTTP server): signature, retries with the same delivery id and growing
 * back-off, FAILED after the retry window (shortened here to 12 s), and a slow receiver that delays no other.
 */
class WebhookDeliveryIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static RunningShortlink shortlink;

    @BeforeAll
    static void start(@TempDir Path dataDir) throws Exception {
        shortlink = RunningShortlink.start(dataDir, false,
                "shortlink.base-url=http://sho.rt.example", "shortlink.webhooks.allow-private=true",
                "shortlink.webhooks.first-retry=300ms", "shortlink.webhooks.max-retry-interval=1s",
                "shortlink.webhooks.retry-window=12s", "shortlink.webhooks.timeout=3s", "shortlink.webhooks.poll-interval=50ms");
    }

    @AfterAll
    static void stop() {
        shortlink.close();
    }

    /** A receiver that answers each request with the status the supplier gives, and remembers what it received. */
    private static final class Receiver implements AutoCloseable {
        record Received(Instant at, String id, String signature, String body) {
        }

        final List<Received> received = new CopyOnWriteArrayList<>();
        final HttpServer server;

        Receiver(IntSupplier status, Duration delay) throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(Instant.now(), exchange.getRequestHeaders().getFirst("Shortlink-Webhook-Id"),
                        exchange.getRequestHeaders().getFirst("Shortlink-Signature"), body));
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(status.getAsInt(), -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static JsonNode subscribe(String owner, String url, String events) throws Exception {
        HttpResponse<String> created = shortlink.as(owner, "POST", "/api/v1/webhooks", "{\"url\":\"" + url + "\",\"events\":" + events + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private static String createLink(String owner, String path) throws Exception {
        HttpResponse<String> created = shortlink.as(owner, "POST", "/api/v1/links", "{\"url\":\"https://example.com/" + path + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("code").asString();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void deliversTheSubscribedChangesOfTheOwnersLinksSigned() throws Exception {
        try (Receiver receiver = new Receiver(() -> 200, Duration.ZERO)) {
            JsonNode webhook = subscribe("hook-owner", receiver.url(), "[\"link.created\",\"link.deleted\"]");
            assertThat(webhook.get("id").asString()).startsWith("wh.");
            String secret = webhook.get("secret").asString();
            // The read side learns of the webhook from Kafka.
            await("the webhook on the read side", () -> listed("hook-owner").contains(webhook.get("id").asString()), Duration.ofSeconds(10));

            String code = createLink("hook-owner", "hooked");
            createLink("someone-else", "not-theirs");
            assertThat(shortlink.as("hook-owner", "PATCH", "/api/v1/links/" + code, "{\"redirectType\":301}").statusCode()).isEqualTo(200);
            assertThat(shortlink.as("hook-owner", "DELETE", "/api/v1/links/" + code, null).statusCode()).isEqualTo(204);

            await("two deliveries", () -> receiver.received.size() >= 2, Duration.ofSeconds(10));
            Thread.sleep(500); // nothing else may follow: the change is not subscribed, the other link not the owner's
            assertThat(receiver.received).hasSize(2);
            Receiver.Received created = receiver.received.get(0);
            JsonNode body = JSON.readTree(created.body());
            assertThat(body.get("type").asString()).isEqualTo("link.created");
            assertThat(body.get("id").asString()).isEqualTo(created.id());
            assertThat(body.get("data").get("code").asString()).isEqualTo(code);
            assertThat(body.get("data").get("shortUrl").asString()).isEqualTo("http://sho.rt.example/" + code);
            assertThat(body.get("data").get("url").asString()).isEqualTo("https://example.com/hooked");
            assertThat(JSON.readTree(receiver.received.get(1).body()).get("type").asString()).isEqualTo("link.deleted");
            assertThat(JSON.readTree(receiver.received.get(1).body()).get("data").get("redirectType").asInt()).isEqualTo(301);
            assertSigned(created, secret);
        }
    }

    @Test
    void retriesWithTheSameDeliveryIdAndGrowingBackOffUntilDelivered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (Receiver receiver = new Receiver(() -> calls.incrementAndGet() <= 3 ? 503 : 204, Duration.ZERO)) {
            JsonNode webhook = subscribe("retry-owner", receiver.url(), "[\"link.created\"]");
            await("the webhook on the read side", () -> listed("retry-owner").contains(webhook.get("id").asString()), Duration.ofSeconds(10));

            createLink("retry-owner", "retried");

            await("the fourth attempt", () -> receiver.received.size() >= 4, Duration.ofSeconds(20));
            assertThat(receiver.received).extracting(Receiver.Received::id).containsOnly(receiver.received.get(0).id());
            Duration first = Duration.between(receiver.received.get(0).at(), receiver.received.get(1).at());
            Duration second = Duration.between(receiver.received.get(1).at(), receiver.received.get(2).at());
            Duration third = Duration.between(receiver.received.get(2).at(), receiver.received.get(3).at());
            assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(600));
            assertThat(third).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
            JsonNode log = awaitDelivery("retry-owner", webhook.get("id").asString(), "DELIVERED");
            assertThat(log.get("id").asString()).isEqualTo(receiver.received.get(0).id());
            assertThat(log.get("attempts").asInt()).isEqualTo(4);
            assertThat(log.get("lastStatus").asInt()).isEqualTo(204);
            assertThat(log.get("event").asString()).isEqualTo("link.created");
        }
    }

    @Test
    void aDeliveryNeverAcceptedIsFailedAfterTheRetryWindow() throws Exception {
        try (Receiver receiver = new Receiver(() -> 500, Duration.ZERO)) {
            JsonNode webhook = subscribe("dead-owner", receiver.url(), "[\"link.created\"]");
            await("the webhook on the read side", () -> listed("dead-owner").contains(webhook.get("id").asString()), Duration.ofSeconds(10));
            Instant changed = Instant.now();
            createLink("dead-owner", "never-accepted");

            JsonNode log = awaitDelivery("dead-owner", webhook.get("id").asString(), "FAILED");

            assertThat(Duration.between(changed, Instant.now())).isGreaterThan(Duration.ofSeconds(10));
            assertThat(log.get("lastStatus").asInt()).isEqualTo(500);
            assertThat(log.get("lastError").asString()).isEqualTo("HTTP 500");
            assertThat(log.get("attempts").asInt()).isEqualTo(receiver.received.size()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aSlowReceiverDelaysNoOther() throws Exception {
        try (Receiver slow = new Receiver(() -> 200, Duration.ofSeconds(8)); Receiver fast = new Receiver(() -> 200, Duration.ZERO)) {
            JsonNode slowHook = subscribe("slow-owner", slow.url(), "[\"link.created\"]");
            JsonNode fastHook = subscribe("fast-owner", fast.url(), "[\"link.created\"]");
            await("the webhooks on the read side", () -> listed("slow-owner").contains(slowHook.get("id").asString())
                    && listed("fast-owner").contains(fastHook.get("id").asString()), Duration.ofSeconds(10));
            for (int i = 0; i < 3; i++) {
                createLink("slow-owner", "slow-" + i);
            }
            await("the slow receiver's first request", () -> !slow.received.isEmpty(), Duration.ofSeconds(10));

            Instant created = Instant.now();
            createLink("fast-owner", "fast");

            await("the fast receiver's delivery", () -> !fast.received.isEmpty(), Duration.ofSeconds(10));
            assertThat(Duration.between(created, fast.received.get(0).at())).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void onlyTheOwnerSeesAWebhookAndDeletingItStopsIt() throws Exception {
        JsonNode webhook = subscribe("private-owner", "http://127.0.0.1:9/hook", "[\"link.created\"]");
        String id = webhook.get("id").asString();
        await("the webhook on the read side", () -> listed("private-owner").contains(id), Duration.ofSeconds(10));

        assertProblem(shortlink.as("nosy", "GET", "/api/v1/webhooks/" + id + "/deliveries", null), 404, "webhook-not-found");
        assertProblem(shortlink.as("nosy", "DELETE", "/api/v1/webhooks/" + id, null), 404, "webhook-not-found");
        assertThat(shortlink.as("private-owner", "DELETE", "/api/v1/webhooks/" + id, null).statusCode()).isEqualTo(204);
        await("the deletion on the read side", () -> !listed("private-owner").contains(id), Duration.ofSeconds(10));
        assertProblem(shortlink.as("private-owner", "GET", "/api/v1/webhooks/" + id + "/deliveries", null), 404, "webhook-not-found");
        assertProblem(shortlink.as("private-owner", "POST", "/api/v1/webhooks", "{\"url\":\"ftp://example.com/x\",\"events\":[\"link.created\"]}"),
                400, "validation-failed");
        assertProblem(shortlink.as("private-owner", "POST", "/api/v1/webhooks", "{\"url\":\"https://example.com/x\",\"events\":[\"link.clicked\"]}"),
                400, "validation-failed");
        assertProblem(shortlink.send("POST", "/api/v1/webhooks", "{\"url\":\"https://example.com/x\",\"events\":[\"link.created\"]}"),
                401, "authentication-required");
    }

    @Test
    void privateTargetsAreRefusedUnlessAllowed() throws Exception {
        RunningShortlink guarded = RunningShortlink.shared();
        for (String url : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest", "http://[::1]:8080/x", "http://192.168.0.1/")) {
            JsonNode problem = assertProblem(guarded.as("guarded", "POST", "/api/v1/webhooks",
                    "{\"url\":\"" + url + "\",\"events\":[\"link.created\"]}"), 400, "validation-failed");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("url");
        }
    }

    private static String listed(String owner) {
        try {
            return shortlink.as(owner, "GET", "/api/v1/webhooks", null).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode awaitDelivery(String owner, String webhookId, String status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            JsonNode log = JSON.readTree(shortlink.as(owner, "GET", "/api/v1/webhooks/" + webhookId + "/deliveries", null).body());
            if (log.size() > 0 && log.get(0).get("status").asString().equals(status)) {
                return log.get(0);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + status + " delivery: " + log);
            }
            Thread.sleep(50);
        }
    }

    private static void assertSigned(Receiver.Received received, String secret) throws Exception {
        String[] parts = received.signature().split(",");
        assertThat(parts[0]).startsWith("t=");
        assertThat(parts[1]).startsWith("v1=");
        long t = Long.parseLong(parts[0].substring(2));
        assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(60);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + received.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(parts[1].substring(3)).isEqualTo(expected);
    }
}
