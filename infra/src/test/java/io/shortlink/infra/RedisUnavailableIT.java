package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** When the redirect view cannot be read, the answer is 503: never a guessed or stale Location. */
class RedisUnavailableIT {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void redirectsAnswer503WhileRedisIsDownAndRedirectAgainAfterwards() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        HttpResponse<String> created = shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/redis-test\"}");
        String code = json.readTree(created.body()).get("code").asString();
        assertThat(shortlink.getUntil("/" + code, r -> r.statusCode() == 302, Duration.ofSeconds(5)).statusCode()).isEqualTo(302);

        shortlink.servers.stopRedis();
        try {
            HttpResponse<String> unavailable = shortlink.get("/" + code, "Accept", "application/json");
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(unavailable.headers().firstValue("Location")).isEmpty();
            assertThat(json.readTree(unavailable.body()).get("code").asString()).isEqualTo("redirect-unavailable");
        } finally {
            shortlink.servers.startRedis();
        }

        HttpResponse<String> recovered = shortlink.getUntil("/" + code, r -> r.statusCode() == 302, Duration.ofSeconds(10));
        assertThat(recovered.statusCode()).isEqualTo(302);
    }
}
