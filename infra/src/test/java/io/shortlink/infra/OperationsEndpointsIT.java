package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Health probes and the Prometheus metrics the contract lists, moved by real traffic. */
class OperationsEndpointsIT {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void livenessAndReadinessCoverTheServers() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        assertThat(shortlink.get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
        // Other tests stop and start servers: readiness is allowed a moment to see them all back.
        assertThat(shortlink.getUntil("/actuator/health/readiness", r -> r.statusCode() == 200, Duration.ofSeconds(30))
                .statusCode()).isEqualTo(200);
        assertThat(shortlink.get("/actuator/health").body()).contains("\"status\":\"UP\"");
    }

    @Test
    void creationsRedirectsCacheAndProcessorLagAreExported() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        String before = shortlink.get("/actuator/prometheus").body();

        String code = json.readTree(shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/metrics\"}").body())
                .get("code").asString();
        shortlink.post("/api/v1/links", "{\"url\":\"ftp://example.com\"}");
        shortlink.getUntil("/" + code, r -> r.statusCode() == 302, Duration.ofSeconds(5));
        shortlink.get("/" + code);
        shortlink.get("/NotThere1");

        String after = shortlink.get("/actuator/prometheus").body();
        assertThat(value(after, "shortlink_link_creations_total{outcome=\"created\"}"))
                .isEqualTo(value(before, "shortlink_link_creations_total{outcome=\"created\"}") + 1);
        assertThat(value(after, "shortlink_link_creations_total{outcome=\"invalid\"}"))
                .isEqualTo(value(before, "shortlink_link_creations_total{outcome=\"invalid\"}") + 1);
        assertThat(value(after, "shortlink_redirects_seconds_count{outcome=\"redirected\"}"))
                .isGreaterThanOrEqualTo(value(before, "shortlink_redirects_seconds_count{outcome=\"redirected\"}") + 2);
        assertThat(value(after, "shortlink_redirects_seconds_count{outcome=\"not_found\"}"))
                .isGreaterThan(value(before, "shortlink_redirects_seconds_count{outcome=\"not_found\"}"));
        assertThat(after).contains("shortlink_redirects_seconds_bucket{outcome=\"redirected\"");
        assertThat(newNearCacheHitsOfRepeatedRedirects(shortlink, code)).isPositive();
        assertThat(after).contains("shortlink_redirect_cache_hit_ratio");
        assertThat(after).contains("eventProcessor_latency{processorName=\"redirect-view\"}");
        assertThat(after).contains("eventProcessor_latency{processorName=\"__axon-kafka-event-publishing-group\"}");
    }

    /**
     * How many hits the near cache counted for repeated redirects of {@code code}. Another test may just have
     * restarted Redis: the cache is cleared when its invalidation subscription comes back, so one repeat may miss.
     */
    private static double newNearCacheHitsOfRepeatedRedirects(RunningShortlink shortlink, String code) throws Exception {
        String hits = "cache_gets_total{cache=\"redirect-view\",result=\"hit\"}";
        double start = value(shortlink.get("/actuator/prometheus").body(), hits);
        double now = start;
        for (int attempt = 0; attempt < 50 && now == start; attempt++) {
            shortlink.get("/" + code);
            shortlink.get("/" + code);
            now = value(shortlink.get("/actuator/prometheus").body(), hits);
            Thread.sleep(100);
        }
        return now - start;
    }

    /** The sample's value, 0 when the series does not exist yet. */
    private static double value(String metrics, String series) {
        Matcher sample = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }
}
