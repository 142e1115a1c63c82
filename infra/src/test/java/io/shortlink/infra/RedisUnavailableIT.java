package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While Redis is down, codes in the near cache keep redirecting; a code the instance cannot look up answers 503 —
 * never a guessed or stale Location.
 */
class RedisUnavailableIT {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void cachedCodesRedirectAndOthersAnswer503WhileRedisIsDown() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        String cached = createAndAwaitRedirect(shortlink, "https://example.com/cached");
        String notCached = json.readTree(shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/not-cached\"}").body())
                .get("code").asString();
        Thread.sleep(1_000); // the projection has written it to Redis, but nobody has asked for it yet

        shortlink.servers.stopRedis();
        try {
            HttpResponse<String> fromCache = shortlink.get("/" + cached);
            assertThat(fromCache.statusCode()).isEqualTo(302);
            assertThat(fromCache.headers().firstValue("Location")).contains("https://example.com/cached");

            HttpResponse<String> unavailable = shortlink.get("/" + notCached, "Accept", "application/json");
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(unavailable.headers().firstValue("Location")).isEmpty();
            assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
            assertThat(json.readTree(unavailable.body()).get("code").asString()).isEqualTo("redirect-unavailable");
        } finally {
            shortlink.servers.startRedis();
        }

        HttpResponse<String> recovered = shortlink.getUntil("/" + notCached, r -> r.statusCode() == 302, Duration.ofSeconds(10));
        assertThat(recovered.headers().firstValue("Location")).contains("https://example.com/not-cached");
    }

    private static String createAndAwaitRedirect(RunningShortlink shortlink, String url) throws Exception {
        String code = json.readTree(shortlink.post("/api/v1/links", "{\"url\":\"" + url + "\"}").body()).get("code").asString();
        assertThat(shortlink.getUntil("/" + code, r -> r.statusCode() == 302, Duration.ofSeconds(5)).statusCode()).isEqualTo(302);
        return code;
    }
}
