package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

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
import java.util.List;
import java.util.Map;

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
        Map<String, String> environment = LaunchedShortlink.environment(dataDir);
        String base = LaunchedShortlink.baseUrl(environment);
        List<String> codes = Collections.synchronizedList(new ArrayList<>());

        Process first = LaunchedShortlink.launch(environment, LOGS.resolve("KillAndRestartIT-first.log"));
        try {
            LaunchedShortlink.awaitHealthy(http, base, first);
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

        Process second = LaunchedShortlink.launch(environment, LOGS.resolve("KillAndRestartIT-second.log"));
        try {
            LaunchedShortlink.awaitHealthy(http, base, second);
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
}
