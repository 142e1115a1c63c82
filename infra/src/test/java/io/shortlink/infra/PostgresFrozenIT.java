package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL frozen (SIGSTOP of all its processes, connections left open): a creation is answered 503 within 3 s
 * instead of hanging, and its retry with the same Idempotency-Key creates the link once.
 */
@ExtendWith(AwaitsRecovery.class)
class PostgresFrozenIT {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aCreationAnswers503WithinThreeSecondsAndItsRetryCreatesTheLinkOnce() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        String owner = "frozen-" + UUID.randomUUID();
        String bearer = shortlink.bearer(owner);
        String idempotencyKey = UUID.randomUUID().toString();
        String body = "{\"url\":\"https://example.com/frozen\"}";

        shortlink.servers.pausePostgres();
        HttpResponse<String> refused;
        Duration took;
        try {
            HttpRequest creation = HttpRequest.newBuilder(URI.create(shortlink.baseUrl + "/api/v1/links"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").header("Authorization", bearer)
                    .header("Idempotency-Key", idempotencyKey).build();
            Instant sent = Instant.now();
            try {
                refused = shortlink.http.send(creation, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException hung) {
                throw new AssertionError("The creation was not answered within 10 s", hung);
            }
            took = Duration.between(sent, Instant.now());
        } finally {
            shortlink.servers.resumePostgres();
        }
        assertProblem(refused, 503, "storage-unavailable");
        assertThat(took).isLessThan(Duration.ofSeconds(3));

        HttpResponse<String> retried = shortlink.post("/api/v1/links", body, "Authorization", bearer, "Idempotency-Key", idempotencyKey);
        Instant deadline = Instant.now().plusSeconds(30);
        while (retried.statusCode() == 503 && Instant.now().isBefore(deadline)) {
            // connections broken by the freeze are being replaced
            retried = shortlink.post("/api/v1/links", body, "Authorization", bearer, "Idempotency-Key", idempotencyKey);
        }
        assertThat(retried.statusCode()).isEqualTo(201);
        String code = json.readTree(retried.body()).get("code").asString();
        HttpResponse<String> links = shortlink.getUntil("/api/v1/links", r -> r.body().contains(code), Duration.ofSeconds(30),
                "Authorization", bearer);
        JsonNode page = json.readTree(links.body());
        assertThat(page.get("total").asLong()).as(links.body()).isEqualTo(1);
    }
}
