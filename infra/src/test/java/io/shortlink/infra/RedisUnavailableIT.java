package io.shortlink.infra;

import io.shortlink.query.redirect.RedirectView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While Redis is down, redirects are answered from the PostgreSQL copy (the link catalog), cached codes too: the near
 * cache hears no heartbeat, so it cannot vouch for its entries. When the catalog cannot answer either, 503 — never a
 * guessed or possibly stale Location.
 */
@ExtendWith(AwaitsRecovery.class)
class RedisUnavailableIT {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void redirectsComeFromPostgresAndWithoutBoth503() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        String cached = shortlink.createRedirectingLink("https://example.com/cached");
        String notCached = json.readTree(shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/not-cached\"}").body())
                .get("code").asString();
        // The projections have written it to PostgreSQL (the catalog) and to Redis, but nobody has asked for its redirect yet.
        assertThat(shortlink.getUntil("/api/v1/links/" + notCached, r -> r.statusCode() == 200, Duration.ofSeconds(10)).statusCode())
                .isEqualTo(200);
        RedirectView view = shortlink.application.getBean(RedirectView.class);
        Instant patience = Instant.now().plusSeconds(10);
        while (view.find(notCached).isEmpty() && Instant.now().isBefore(patience)) {
            Thread.sleep(10);
        }
        assertThat(view.find(notCached)).as("in the redirect view in Redis").isPresent();

        shortlink.servers.stopRedis();
        try {
            HttpResponse<String> fromCache = shortlink.get("/" + cached);
            assertThat(fromCache.statusCode()).isEqualTo(302);
            assertThat(fromCache.headers().firstValue("Location")).contains("https://example.com/cached");

            HttpResponse<String> fromPostgres = shortlink.get("/" + notCached);
            assertThat(fromPostgres.statusCode()).isEqualTo(302);
            assertThat(fromPostgres.headers().firstValue("Location")).contains("https://example.com/not-cached");
            assertThat(shortlink.get("/NeverCreated").statusCode()).isEqualTo(404);

            shortlink.servers.stopPostgres();
            try {
                HttpResponse<String> unavailable = shortlink.get("/" + notCached, "Accept", "application/json");
                assertThat(unavailable.statusCode()).isEqualTo(503);
                assertThat(unavailable.headers().firstValue("Location")).isEmpty();
                assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
                assertThat(json.readTree(unavailable.body()).get("code").asString()).isEqualTo("redirect-unavailable");
                // The near cache's last proof of freshness (a heartbeat heard before Redis stopped) lasts max-lag (0.8 s).
                HttpResponse<String> cachedButUnproven = shortlink.getUntil("/" + cached, r -> r.statusCode() == 503, Duration.ofSeconds(5));
                assertThat(cachedButUnproven.statusCode()).as("cached, but unproven").isEqualTo(503);
                assertThat(cachedButUnproven.headers().firstValue("Location")).isEmpty();
            } finally {
                shortlink.servers.startPostgres();
            }
        } finally {
            shortlink.servers.startRedis();
        }

        HttpResponse<String> recovered = shortlink.getUntil("/" + notCached, r -> r.statusCode() == 302, Duration.ofSeconds(10));
        assertThat(recovered.headers().firstValue("Location")).contains("https://example.com/not-cached");
    }
}
