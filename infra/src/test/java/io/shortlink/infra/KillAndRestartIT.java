package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run command's process is killed with SIGKILL in the middle of a stream of creations and started again on the
 * same data: the leftover PostgreSQL and Redis are found and stopped, and every link created before the kill redirects
 * afterwards — no event lost between the event store, Kafka and the redirect view.
 */
class KillAndRestartIT {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final Path LOGS = Path.of("target");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void everyLinkCreatedBeforeAKill9RedirectsAfterTheRestart(@TempDir Path dataDir) throws Exception {
        // Distinct: a port is free again once asked for, so another ask may answer it too.
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < 5) {
            ports.add(freePort());
        }
        Iterator<String> port = ports.stream().map(String::valueOf).iterator();
        Map<String, String> environment = Map.of(
                "SHORTLINK_DATA_DIR", dataDir.toString(),
                "SHORTLINK_PORT", port.next(),
                "SHORTLINK_POSTGRES_PORT", port.next(),
                "SHORTLINK_REDIS_PORT", port.next(),
                "SHORTLINK_KAFKA_PORT", port.next(),
                "SHORTLINK_KAFKA_CONTROLLER_PORT", port.next());
        String base = "http://127.0.0.1:" + environment.get("SHORTLINK_PORT");
        List<String> codes = Collections.synchronizedList(new ArrayList<>());

        Process first = launch(environment, LOGS.resolve("KillAndRestartIT-first.log"));
        try {
            awaitHealthy(base, first);
            Thread creations = new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        codes.add(create(base, "https://example.com/before-kill/" + i));
                    }
                } catch (Exception | AssertionError killedMidRequest) {
                    // the kill ends the stream; only the links answered 201 before it count
                }
            });
            creations.start();
            while (codes.size() < 30) {
                Thread.sleep(10);
            }
        } finally {
            first.destroyForcibly().waitFor();
        }

        Process second = launch(environment, LOGS.resolve("KillAndRestartIT-second.log"));
        try {
            awaitHealthy(base, second);
            assertThat(Files.readString(LOGS.resolve("KillAndRestartIT-second.log"))).contains("Stopping a leftover server");
            for (int i = 0; i < codes.size(); i++) {
                HttpResponse<Void> redirect = awaitRedirect(base + "/" + codes.get(i));
                assertThat(redirect.headers().firstValue("Location")).contains("https://example.com/before-kill/" + i);
            }
            String after = create(base, "https://example.com/after-kill");
            assertThat(codes).doesNotContain(after);
            assertThat(awaitRedirect(base + "/" + after).statusCode()).isEqualTo(302);
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private static Process launch(Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder launcher = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ShortlinkLauncher.class.getName());
        launcher.environment().putAll(environment);
        return launcher.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitHealthy(String base, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The system did not become healthy (alive: " + process.isAlive() + ")");
    }

    private String create(String base, String url) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/links"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        return json.readTree(created.body()).get("code").asString();
    }

    private HttpResponse<Void> awaitRedirect(String url) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        HttpResponse<Void> response;
        do {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 302) {
                return response;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(url + " answered " + response.statusCode() + " instead of redirecting");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
