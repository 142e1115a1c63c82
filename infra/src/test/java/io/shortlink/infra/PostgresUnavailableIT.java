package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Without PostgreSQL, redirects go on from Redis and creations fail fast with 503; both recover with it. */
@ExtendWith(AwaitsRecovery.class)
class PostgresUnavailableIT {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void redirectsContinueAndCreationsAnswer503UntilPostgresIsBack() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        String code = shortlink.createRedirectingLink("https://example.com/pg-test");

        shortlink.servers.stopPostgres();
        try {
            HttpResponse<String> redirect = shortlink.get("/" + code);
            assertThat(redirect.statusCode()).isEqualTo(302);
            assertThat(redirect.headers().firstValue("Location")).contains("https://example.com/pg-test");

            Instant sent = Instant.now();
            HttpResponse<String> refused = shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/while-down\"}");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(json.readTree(refused.body()).get("code").asString()).isEqualTo("storage-unavailable");
            assertThat(Duration.between(sent, Instant.now())).as("fails fast rather than hanging").isLessThan(Duration.ofSeconds(10));
        } finally {
            shortlink.servers.startPostgres();
        }

        HttpResponse<String> created = shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/after-pg\"}");
        Instant deadline = Instant.now().plusSeconds(30);
        while (created.statusCode() == 503 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200); // pooled connections to the stopped server are being replaced
            created = shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/after-pg\"}");
        }
        assertThat(created.statusCode()).isEqualTo(201);
        String after = json.readTree(created.body()).get("code").asString();
        assertThat(shortlink.getUntil("/" + after, r -> r.statusCode() == 302, Duration.ofSeconds(90)).statusCode()).isEqualTo(302);
    }
}
