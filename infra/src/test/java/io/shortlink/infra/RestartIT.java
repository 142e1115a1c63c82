package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps its data across a stop and a start, as the run command promises. */
class RestartIT {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aLinkCreatedBeforeAStopStillRedirectsAfterTheNextStart(@TempDir Path dataDir) throws Exception {
        String before;
        try (RunningShortlink first = RunningShortlink.start(dataDir, true)) {
            HttpResponse<String> created = first.post("/api/v1/links", "{\"url\":\"https://example.com/kept\"}");
            before = json.readTree(created.body()).get("code").asString();
            assertThat(first.getUntil("/" + before, r -> r.statusCode() == 302, Duration.ofSeconds(5)).statusCode()).isEqualTo(302);
        }

        try (RunningShortlink second = RunningShortlink.start(dataDir, true)) {
            HttpResponse<String> redirect = second.get("/" + before);
            assertThat(redirect.statusCode()).isEqualTo(302);
            assertThat(redirect.headers().firstValue("Location")).contains("https://example.com/kept");

            HttpResponse<String> again = second.post("/api/v1/links", "{\"url\":\"https://example.com/after\"}");
            assertThat(again.statusCode()).isEqualTo(201);
            String after = json.readTree(again.body()).get("code").asString();
            assertThat(after).isNotEqualTo(before);
            HttpResponse<String> newRedirect = second.getUntil("/" + after, r -> r.statusCode() == 302, Duration.ofSeconds(5));
            assertThat(newRedirect.headers().firstValue("Location")).contains("https://example.com/after");
        }
    }
}
