package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (failsafe runs it only when named): writes a large history through the API — creations, a
 * change of every 5th link, a deletion of every 10th — then replays each projection and {@code all} and prints the
 * events per second to {@code target/replay-bench.md}. Run:
 * {@code ./mvnw -B -o verify -pl infra -Dit.test=ReplayBench -Dbench.links=20000}
 */
class ReplayBench {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void replaysALargeHistory() throws Exception {
        int links = Integer.getInteger("bench.links", 20_000);
        try (RunningShortlink shortlink = RunningShortlink.start(Files.createTempDirectory("shortlink-replay-bench"), false)) {
            Instant writing = Instant.now();
            String last = history(shortlink, links);
            assertThat(shortlink.getUntil("/" + last, r -> r.statusCode() == 302, Duration.ofSeconds(60)).statusCode()).isEqualTo(302);
            Thread.sleep(3_000);
            StringBuilder table = new StringBuilder("| projection | events | seconds | events/s |\n|---|---|---|---|\n");
            for (String projection : List.of("redirect-view", "link-catalog", "all")) {
                JsonNode replay = replay(shortlink, projection);
                assertThat(replay.get("status").asString()).as(replay.toString()).isEqualTo("DONE");
                double seconds = Duration.between(Instant.parse(replay.get("startedAt").asString()),
                        Instant.parse(replay.get("finishedAt").asString())).toMillis() / 1000.0;
                table.append("| ").append(projection).append(" | ").append(replay.get("processed").asLong()).append(" | ")
                        .append(String.format("%.1f", seconds)).append(" | ").append(replay.get("eventsPerSecond").asLong()).append(" |\n");
            }
            String report = links + " links written in " + Duration.between(writing, Instant.now()).toSeconds() + " s\n\n" + table;
            System.out.println(report);
            Files.writeString(Path.of("target", "replay-bench.md"), report);
        }
    }

    /** Creates the links with 16 clients, changes every 5th and deletes every 10th; answers the last code created. */
    private static String history(RunningShortlink shortlink, int links) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        AtomicInteger next = new AtomicInteger();
        String[] codes = new String[links];
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            workers.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < links; i = next.getAndIncrement()) {
                    HttpResponse<String> created = shortlink.as("alice", "POST", "/api/v1/links",
                            "{\"url\":\"https://example.com/bench/" + i + "\"}");
                    assertThat(created.statusCode()).isEqualTo(201);
                    codes[i] = json.readTree(created.body()).get("code").asString();
                    if (i % 5 == 0) {
                        assertThat(shortlink.send("PATCH", "/api/v1/links/" + codes[i], "{\"redirectType\":307}",
                                "Content-Type", "application/merge-patch+json", "Authorization", shortlink.bearer("alice")).statusCode()).isEqualTo(200);
                    }
                    if (i % 10 == 1) {
                        assertThat(shortlink.as("alice", "DELETE", "/api/v1/links/" + codes[i], null).statusCode()).isEqualTo(204);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        clients.shutdown();
        return shortlink.as("alice", "POST", "/api/v1/links", "{\"url\":\"https://example.com/bench/last\"}")
                .body().replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");
    }

    private static JsonNode replay(RunningShortlink shortlink, String projection) throws Exception {
        HttpResponse<String> started = shortlink.as(RunningShortlink.ADMIN, "POST", "/api/v1/admin/replays",
                "{\"projection\":\"" + projection + "\"}");
        assertThat(started.statusCode()).isEqualTo(202);
        String id = json.readTree(started.body()).get("id").asString();
        while (true) {
            Thread.sleep(500); // polling slowly, not to take the cores the replay measures
            JsonNode replay = json.readTree(shortlink.get("/api/v1/admin/replays/" + id, "Authorization", shortlink.bearer(RunningShortlink.ADMIN)).body());
            if (!"RUNNING".equals(replay.get("status").asString())) {
                return replay;
            }
        }
    }
}
