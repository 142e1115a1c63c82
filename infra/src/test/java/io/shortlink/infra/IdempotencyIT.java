package io.shortlink.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key on the write endpoints: stored in PostgreSQL, replayed, never creating twice. */
class IdempotencyIT {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static RunningShortlink shortlink;

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.shared();
    }

    @Test
    void theSameKeyAndBodyReplaysTheFirstResponseAndCreatesNothingNew() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"url\":\"https://example.com/idempotent\"}";

        HttpResponse<String> first = shortlink.post("/api/v1/links", body, "Idempotency-Key", key);
        HttpResponse<String> second = shortlink.post("/api/v1/links", body, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(second.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        // Without the key, the same body is a new link.
        HttpResponse<String> unkeyed = shortlink.post("/api/v1/links", body);
        assertThat(code(unkeyed)).isNotEqualTo(code(first));
    }

    @Test
    void anIssuedApiKeyIsNeverStoredWithTheIdempotentResponse() throws Exception {
        String idempotencyKey = UUID.randomUUID().toString();
        String body = "{\"owner\":\"idempotent-owner\"}";
        String admin = "Bearer " + RunningShortlink.ADMIN_KEY;

        HttpResponse<String> first = shortlink.post("/api/v1/admin/keys", body, "Authorization", admin, "Idempotency-Key", idempotencyKey);
        HttpResponse<String> retry = shortlink.post("/api/v1/admin/keys", body, "Authorization", admin, "Idempotency-Key", idempotencyKey);

        assertThat(first.statusCode()).isEqualTo(201);
        String apiKey = json.readTree(first.body()).get("key").asString();
        List<String> stored = shortlink.application.getBean(JdbcTemplate.class).query(
                "select response_body from idempotency_record where idempotency_key = ?",
                (row, n) -> new String(row.getBytes(1), StandardCharsets.UTF_8), idempotencyKey);
        assertThat(stored).hasSize(1).noneMatch(response -> response.contains(apiKey));
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.body()).doesNotContain(apiKey);
        assertThat(json.readTree(retry.body()).get("id").asString()).isEqualTo(json.readTree(first.body()).get("id").asString());
    }

    @Test
    void anonymousClientsAtOtherAddressesDoNotShareIdempotencyKeys() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"url\":\"https://example.com/per-client\"}";

        String first = postFrom("127.0.0.1", body, key);
        String second = postFrom("127.0.0.2", body, key);

        assertThat(first).startsWith("HTTP/1.1 201").doesNotContainIgnoringCase("Idempotent-Replayed");
        assertThat(second).startsWith("HTTP/1.1 201").doesNotContainIgnoringCase("Idempotent-Replayed");
        assertThat(codeIn(second)).isNotEqualTo(codeIn(first));
        assertThat(postFrom("127.0.0.2", body, key)).containsIgnoringCase("Idempotent-Replayed: true").contains(codeIn(second));
    }

    /** A creation sent from a local address of choice: every 127.x address reaches the loopback listener. */
    private static String postFrom(String localAddress, String body, String idempotencyKey) throws IOException {
        int port = URI.create(shortlink.baseUrl).getPort();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /api/v1/links HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nIdempotency-Key: " + idempotencyKey + "\r\nContent-Length: " + bytes.length
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String codeIn(String response) {
        Matcher code = Pattern.compile("\"code\":\"([^\"]+)\"").matcher(response);
        assertThat(code.find()).as(response).isTrue();
        return code.group(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() throws Exception {
        String key = UUID.randomUUID().toString();
        assertThat(shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/one\"}", "Idempotency-Key", key).statusCode())
                .isEqualTo(201);

        assertProblem(shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/two\"}", "Idempotency-Key", key),
                422, "idempotency-key-reused");
    }

    @Test
    void keysBelongToTheirCallerAndAreAtMost128Characters() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"url\":\"https://example.com/scoped\"}";
        String alice = shortlink.issueKey("idem-alice", null).get("key").asString();

        HttpResponse<String> anonymous = shortlink.post("/api/v1/links", body, "Idempotency-Key", key);
        HttpResponse<String> keyed = shortlink.post("/api/v1/links", body, "Idempotency-Key", key, "X-Api-Key", alice);

        assertThat(code(keyed)).isNotEqualTo(code(anonymous));
        assertThat(shortlink.post("/api/v1/links", body, "Idempotency-Key", "k".repeat(128)).statusCode()).isEqualTo(201);
        assertProblem(shortlink.post("/api/v1/links", body, "Idempotency-Key", "k".repeat(129)), 400, "invalid-idempotency-key");
    }

    @Test
    void aRefusedRequestIsReplayedAsRefused() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"url\":\"ftp://example.com/\"}";
        HttpResponse<String> first = shortlink.post("/api/v1/links", body, "Idempotency-Key", key);
        HttpResponse<String> second = shortlink.post("/api/v1/links", body, "Idempotency-Key", key);

        assertProblem(first, 400, "validation-failed");
        assertProblem(second, 400, "validation-failed");
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
    }

    @Test
    void concurrentDuplicatesCreateOneLinkAndAllGetItsResponse() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"url\":\"https://example.com/concurrent\"}";
        int requests = 12;
        CountDownLatch ready = new CountDownLatch(requests);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Callable<HttpResponse<String>> create = () -> {
                ready.countDown();
                ready.await();
                return shortlink.post("/api/v1/links", body, "Idempotency-Key", key);
            };
            answers.add(pool.submit(create));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            responses.add(answer.get());
        }
        pool.shutdown();

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
        Set<String> codes = responses.stream().map(IdempotencyIT::code).collect(Collectors.toSet());
        assertThat(codes).hasSize(1);
        assertThat(responses).filteredOn(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty()).hasSize(1);
    }

    private static String code(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("code").asString();
    }
}
