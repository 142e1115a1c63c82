package io.shortlink.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/links/{code}/clicks/live}: the owner sees each click as it happens; nobody else does. */
class LiveClicksIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36";

    private static RunningShortlink shortlink;

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.shared();
    }

    @Test
    void theOwnerSeesEachClickAsItHappens() throws Exception {
        String code = ownedLink("live-owner");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = open(code, "live-owner", lines);
        assertThat(stream.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(stream.get().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        try {
            // The stream tails from the moment it opened: click until one arrives (the first may race the tail's start).
            JsonNode click = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (click == null && System.nanoTime() < deadline) {
                assertThat(shortlink.get("/" + code, "User-Agent", CHROME, "CF-IPCountry", "DE", "Referer", "https://news.example/item")
                        .statusCode()).isEqualTo(302);
                click = nextClick(lines, Duration.ofSeconds(3));
            }
            assertThat(click).as("a click event within 30 s").isNotNull();
            assertThat(click.get("country").asString()).isEqualTo("DE");
            assertThat(click.get("browser").asString()).isEqualTo("Chrome");
            assertThat(click.get("os").asString()).isEqualTo("Windows NT");
            assertThat(click.get("device").asString()).isEqualTo("Desktop");
            assertThat(click.get("referrer").asString()).isEqualTo("news.example");
            assertThat(click.get("bot").asBoolean()).isFalse();
            assertThat(click.get("clickedAt").asString()).endsWith("Z");
            assertThat(click.has("visitor")).as("the visitor hash stays inside").isFalse();

            // A script's click arrives too, marked as a bot (after any people's clicks still on their way).
            assertThat(shortlink.get("/" + code, "User-Agent", "curl/8.5.0").statusCode()).isEqualTo(302);
            JsonNode next;
            do {
                next = nextClick(lines, Duration.ofSeconds(10));
            } while (next != null && !next.get("bot").asBoolean());
            assertThat(next).as("the bot's click within 10 s").isNotNull();
        } finally {
            stream.get().body().close();
        }
    }

    @Test
    void onlyTheOwnerOrAnAdminMayWatch() throws Exception {
        String code = ownedLink("live-alice");
        assertProblem(shortlink.get("/api/v1/links/" + code + "/clicks/live"), 401, "authentication-required");
        assertProblem(shortlink.as("live-mallory", "GET", "/api/v1/links/" + code + "/clicks/live", null), 403, "forbidden");
        assertProblem(shortlink.as("live-alice", "GET", "/api/v1/links/NoSuchLink9/clicks/live", null), 404, "link-not-found");

        CompletableFuture<HttpResponse<Stream<String>>> admin = open(code, "admin", new LinkedBlockingQueue<>());
        assertThat(admin.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        admin.get().body().close();
    }

    @Test
    void aKeyHasABoundedNumberOfStreams() throws Exception {
        String code = ownedLink("live-greedy");
        List<HttpResponse<Stream<String>>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                HttpResponse<Stream<String>> stream = open(code, "live-greedy", new LinkedBlockingQueue<>()).get(10, TimeUnit.SECONDS);
                assertThat(stream.statusCode()).isEqualTo(200);
                open.add(stream);
            }
            assertProblem(shortlink.as("live-greedy", "GET", "/api/v1/links/" + code + "/clicks/live", null), 429, "too-many-streams");
        } finally {
            open.forEach(stream -> stream.body().close());
        }
    }

    private static String ownedLink(String owner) throws Exception {
        HttpResponse<String> created = shortlink.as(owner, "POST", "/api/v1/links", "{\"url\":\"https://example.com/live/" + owner + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String code = JSON.readTree(created.body()).get("code").asString();
        // The live stream asks the stats view who owns the link; that view may learn of the link after the redirect view.
        shortlink.getUntil("/api/v1/links/" + code + "/stats", r -> r.statusCode() == 200, Duration.ofSeconds(30),
                "Authorization", shortlink.bearer(owner));
        return code;
    }

    /** Opens a stream whose lines land in {@code lines} as they arrive. */
    private static CompletableFuture<HttpResponse<Stream<String>>> open(String code, String caller, BlockingQueue<String> lines)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(shortlink.baseUrl + "/api/v1/links/" + code + "/clicks/live"))
                .header("Authorization", shortlink.bearer(caller)).header("Accept", "text/event-stream").GET().build();
        return shortlink.http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
            if (response.statusCode() == 200) {
                Thread reader = new Thread(() -> {
                    try {
                        response.body().forEach(lines::add);
                    } catch (RuntimeException closed) {
                        // the test closed the stream
                    }
                });
                reader.setDaemon(true);
                reader.start();
            }
            return response;
        });
    }

    /** The data of the next {@code click} event, or {@code null} when none arrives within {@code patience}. */
    private static JsonNode nextClick(BlockingQueue<String> lines, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        boolean clickEvent = false;
        for (String line; (line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null; ) {
            if (line.startsWith("event:")) {
                clickEvent = line.substring(6).trim().equals("click");
            } else if (clickEvent && line.startsWith("data:")) {
                return JSON.readTree(line.substring(5).trim());
            }
        }
        return null;
    }
}
