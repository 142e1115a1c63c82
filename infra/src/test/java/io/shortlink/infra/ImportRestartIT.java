package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run command's process is killed with SIGKILL while an import runs, and started again on the same data: the job
 * resumes where its last committed chunk ended and ends DONE with every row imported exactly once (docs/adr/0073).
 */
class ImportRestartIT {

    private static final int ROWS = 20_000;
    private static final String ADMIN_KEY = "import-restart-admin-key";
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final Path LOGS = Path.of("target");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aKilledImportIsResumedAfterTheRestartAndImportsEveryRowOnce(@TempDir Path dataDir) throws Exception {
        Map<String, String> environment = new HashMap<>(LaunchedShortlink.environment(dataDir));
        environment.put("SHORTLINK_ADMIN_KEY", ADMIN_KEY);
        String base = LaunchedShortlink.baseUrl(environment);
        String csv = "keyword,url,timestamp\n" + IntStream.range(0, ROWS)
                .mapToObj(i -> "r" + i + ",https://example.com/restart/" + i + ",2018-07-0" + (1 + i % 9) + " 10:00:00")
                .collect(Collectors.joining("\n"));
        String id;
        long processedAtKill;

        Process first = LaunchedShortlink.launch(environment, LOGS.resolve("ImportRestartIT-first.log"));
        try {
            LaunchedShortlink.awaitHealthy(http, base, first);
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/imports"))
                    .POST(HttpRequest.BodyPublishers.ofString(csv)).header("Content-Type", "text/csv")
                    .header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            id = json.readTree(started.body()).get("id").asString();
            JsonNode job = status(base, id);
            // the first chunks committed: the kill falls in the middle of the job (a loaded machine is slow to start it)
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
            while (job.get("processed").asLong() == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
                job = status(base, id);
            }
            first.destroyForcibly().waitFor();
            processedAtKill = job.get("processed").asLong();
        } finally {
            first.destroy();
            first.waitFor();
        }
        assertThat(processedAtKill).as("the import was under way at the kill").isBetween(1L, ROWS - 1L);

        Process second = LaunchedShortlink.launch(environment, LOGS.resolve("ImportRestartIT-second.log"));
        try {
            LaunchedShortlink.awaitHealthy(http, base, second);
            JsonNode job = status(base, id);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
            while ("RUNNING".equals(job.get("status").asString()) && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                job = status(base, id);
            }

            assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
            assertThat(job.get("processed").asLong()).isEqualTo(ROWS);
            assertThat(job.get("imported").asLong()).as("every row once, none skipped as imported before").isEqualTo(ROWS);
            assertThat(job.get("skipped").asLong()).isZero();
            for (int i : new int[]{0, ROWS / 2, ROWS - 1}) {
                HttpResponse<String> redirect = awaitRedirect(base + "/r" + i);
                assertThat(redirect.headers().firstValue("Location")).contains("https://example.com/restart/" + i);
            }
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private JsonNode status(String base, String id) throws Exception {
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/imports/" + id))
                .header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        return json.readTree(status.body());
    }

    private HttpResponse<String> awaitRedirect(String url) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        HttpResponse<String> response;
        do {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } while (response.statusCode() != 302 && Instant.now().isBefore(deadline) && sleep());
        return response;
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }
}
