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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run command's process is killed with SIGKILL right after a burst of 20,000 answered redirects, and started again
 * on the same data: at most 0.5 % of the answered clicks may be missing from the stats (issue 17, item 9), and none
 * counted twice. On a fresh JVM the publisher runs behind a burst like this one, so clicks are still on their way to
 * Kafka at the kill (docs/adr/0044).
 */
class ClicksOnKillIT {

    private static final int REDIRECTS = 20_000;
    private static final int CLIENTS = 16;
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final Path LOGS = Path.of("target");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aKill9RightAfterABurstLosesAtMostHalfAPercentOfTheAnsweredClicks(@TempDir Path dataDir) throws Exception {
        UtcDay.awaitRoomFor(Duration.ofMinutes(6));
        Map<String, String> environment = LaunchedShortlink.environment(dataDir);
        String base = LaunchedShortlink.baseUrl(environment);
        AtomicInteger answered = new AtomicInteger();
        String code;

        Process first = LaunchedShortlink.launch(environment, LOGS.resolve("ClicksOnKillIT-first.log"));
        try {
            LaunchedShortlink.awaitHealthy(http, base, first);
            code = create(base);
            awaitRedirect(base + "/" + code);
            AtomicInteger left = new AtomicInteger(REDIRECTS);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Thread client = new Thread(() -> {
                    try {
                        while (left.getAndDecrement() > 0) {
                            if (redirect(base + "/" + code).statusCode() == 302) {
                                answered.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                client.start();
                clients.add(client);
            }
            for (Thread client : clients) {
                client.join();
            }
            first.destroyForcibly().waitFor();
        } finally {
            // Only when the test failed before the kill: a graceful stop takes the embedded servers along once started.
            first.destroy();
            first.waitFor();
        }
        assertThat(answered.get()).isEqualTo(REDIRECTS);

        Process second = LaunchedShortlink.launch(environment, LOGS.resolve("ClicksOnKillIT-second.log"));
        try {
            LaunchedShortlink.awaitHealthy(http, base, second);
            long counted = totalClicksOnceSettled(base, code);
            System.out.printf("ClicksOnKillIT: %d redirects answered, %d clicks counted after the kill and restart; %s%n",
                    REDIRECTS, counted, Files.readAllLines(LOGS.resolve("ClicksOnKillIT-second.log")).stream()
                            .filter(line -> line.contains("waited in the spool")).findFirst().orElse("no clicks waited in the spool"));
            assertThat(counted).as("no click counted twice").isLessThanOrEqualTo(REDIRECTS);
            assertThat(REDIRECTS - counted).as("clicks lost").isLessThanOrEqualTo(REDIRECTS / 200);
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    /**
     * The link's total clicks once they count every answered redirect and stay there a few seconds (a second count
     * would show), or whatever they are after a few minutes (the stats have no backlog then, even on a loaded machine).
     */
    private long totalClicksOnceSettled(String base, String code) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        long total = totalClicks(base, code);
        while (total < REDIRECTS && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            total = totalClicks(base, code);
        }
        Thread.sleep(3000);
        return totalClicks(base, code);
    }

    private long totalClicks(String base, String code) throws Exception {
        return json.readTree(get(base + "/api/v1/links/" + code + "/stats").body()).get("totalClicks").asLong();
    }

    private String create(String base) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/links"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"https://example.com/killed-mid-burst\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        return json.readTree(created.body()).get("code").asString();
    }

    /** With HEAD, which records no click: every click counted afterwards is one of the burst's. */
    private void awaitRedirect(String url) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (http.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 302) {
            assertThat(Instant.now()).as(url + " redirects").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private HttpResponse<Void> redirect(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent",
                ClickAnalyticsIT.FIREFOX_MAC).build(), HttpResponse.BodyHandlers.discarding());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
