package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Kafka, creations still succeed: their events wait in the event store and reach the redirect view once Kafka
 * is back. Redirects answer 503 meanwhile: changes answered 200 in that time cannot reach the view, and nothing can
 * show that none was made (a redirect never risks a stale Location).
 */
@ExtendWith(AwaitsRecovery.class)
class KafkaUnavailableIT {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void creationsMadeWhileKafkaIsDownRedirectOnceItIsBackAndRedirectsWait() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        String before = shortlink.createRedirectingLink("https://example.com/before-kafka-stop");

        String during;
        shortlink.servers.stopKafka();
        try {
            HttpResponse<String> created = shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/while-kafka-down\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            during = json.readTree(created.body()).get("code").asString();
            HttpResponse<String> unproven = shortlink.getUntil("/" + before, r -> r.statusCode() == 503, Duration.ofSeconds(5),
                    "Accept", "application/json");
            assertThat(unproven.statusCode()).isEqualTo(503);
            assertThat(unproven.headers().firstValue("Location")).isEmpty();
            assertThat(json.readTree(unproven.body()).get("code").asString()).isEqualTo("redirect-unavailable");
            assertThat(shortlink.get("/" + during).statusCode()).as("not published yet").isEqualTo(503);
        } finally {
            shortlink.servers.startKafka();
        }

        HttpResponse<String> caughtUp = shortlink.getUntil("/" + during, r -> r.statusCode() == 302, Duration.ofSeconds(90));
        assertThat(caughtUp.statusCode()).isEqualTo(302);
        assertThat(caughtUp.headers().firstValue("Location")).contains("https://example.com/while-kafka-down");
        assertThat(shortlink.get("/" + before).statusCode()).isEqualTo(302);
    }
}
