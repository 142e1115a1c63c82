package io.shortlink.infra;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The run command as a process of its own, on free ports and a given data directory: for tests that kill it. */
final class LaunchedShortlink {

    private LaunchedShortlink() {
    }

    /** The environment of a run on {@code dataDir}, every port a free one. */
    static Map<String, String> environment(Path dataDir) throws IOException {
        // Distinct: a port is free again once asked for, so another ask may answer it too.
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < 5) {
            ports.add(freePort());
        }
        Iterator<String> port = ports.stream().map(String::valueOf).iterator();
        return Map.of(
                "SHORTLINK_DATA_DIR", dataDir.toString(),
                "SHORTLINK_PORT", port.next(),
                "SHORTLINK_POSTGRES_PORT", port.next(),
                "SHORTLINK_REDIS_PORT", port.next(),
                "SHORTLINK_KAFKA_PORT", port.next(),
                "SHORTLINK_KAFKA_CONTROLLER_PORT", port.next());
    }

    static String baseUrl(Map<String, String> environment) {
        return "http://127.0.0.1:" + environment.get("SHORTLINK_PORT");
    }

    static Process launch(Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder launcher = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ShortlinkLauncher.class.getName());
        launcher.environment().putAll(environment);
        return launcher.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void awaitHealthy(HttpClient http, String base, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
