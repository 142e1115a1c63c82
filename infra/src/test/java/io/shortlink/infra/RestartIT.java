package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
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

    @Test
    void replaysAreListedAfterARestartAndOneThatWasRunningEndsFailed(@TempDir Path dataDir) throws Exception {
        String done;
        try (RunningShortlink first = RunningShortlink.start(dataDir, true)) {
            String replayed = json.readTree(first.post("/api/v1/links", "{\"url\":\"https://example.com/replayed\"}").body())
                    .get("code").asString();
            // The replay goes as far as the live link-catalog has come: not before it has the link, or there is nothing to replay.
            assertThat(first.getUntil("/api/v1/links/" + replayed, r -> r.statusCode() == 200, Duration.ofSeconds(10)).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> started = first.as(RunningShortlink.ADMIN, "POST", "/api/v1/admin/replays", "{\"projection\":\"link-catalog\"}");
            done = json.readTree(started.body()).get("id").asString();
            assertThat(first.getUntil("/api/v1/admin/replays/" + done, r -> r.body().contains("\"DONE\""), Duration.ofSeconds(30),
                    "Authorization", first.bearer(RunningShortlink.ADMIN)).body()).contains("\"DONE\"");
            // what a replay running at a crash leaves behind: its last sign of life, a minute before the next start
            first.application.getBean(JdbcTemplate.class).update("insert into replay (id, projection, accept_differences, verify_only,"
                    + " status, processed, total, started_at, differences, heartbeat_at) values ('crashed', 'link-stats', false, false,"
                    + " 'RUNNING', 5, 10, now(), '{}', now() - interval '1 minute')");
        }

        try (RunningShortlink second = RunningShortlink.start(dataDir, true)) {
            // Any instance fails a replay that showed no sign of life for shortlink.replay.abandoned-after.
            JsonNode replays = json.readTree(second.getUntil("/api/v1/admin/replays", r -> r.body().contains("\"FAILED\""),
                    Duration.ofSeconds(10), "Authorization", second.bearer(RunningShortlink.ADMIN)).body());
            assertThat(replays.valueStream().map(replay -> replay.get("id").asString())).containsExactly("crashed", done);
            JsonNode crashed = replays.get(0);
            assertThat(crashed.get("status").asString()).isEqualTo("FAILED");
            assertThat(crashed.get("error").asString()).contains("Interrupted");
            assertThat(crashed.get("processed").asLong()).isEqualTo(5);
            JsonNode finished = replays.get(1);
            assertThat(finished.get("status").asString()).isEqualTo("DONE");
            assertThat(finished.get("processed").asLong()).isPositive().isEqualTo(finished.get("total").asLong());
            assertThat(finished.get("finishedAt").isNull()).isFalse();
        }
    }
}
