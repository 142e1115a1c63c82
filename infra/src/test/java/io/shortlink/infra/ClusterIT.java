package io.shortlink.infra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-side and two query-side processes on shared servers behind HAProxy, as {@code infra/cluster.sh} runs
 * them from the built jar: writes through either command instance reach both query instances, changes reach every
 * near cache within the contract's second, clicks through both count once, and killing an instance of each side
 * mid-stream loses no acknowledged write while the survivors take over its processing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A dead instance's claims lapse after the claim timeout; a survivor claims at its next try. */
    private static final Duration TAKE_OVER = Duration.ofSeconds(30);

    private static LocalCluster cluster;
    private static String bearer;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.up(2, 2);
        HttpResponse<String> issued = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cluster.balancer() + "/api/v1/admin/keys"))
                .header("Authorization", "Bearer " + LocalCluster.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"owner\":\"cluster-alice\",\"rateLimitPerHour\":1000000}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        bearer = "Bearer " + JSON.readTree(issued.body()).get("key").asString();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aLinkCreatedThroughEitherCommandInstanceRedirectsOnBothQueryInstances() throws Exception {
        for (int i = 1; i <= 2; i++) {
            String url = "https://example.com/through-command-" + i;
            String code = create(cluster.instance("command", i), url, UUID.randomUUID().toString());
            for (int q = 1; q <= 2; q++) {
                HttpResponse<String> redirect = getUntil(cluster.instance("query", q) + "/" + code,
                        r -> r.statusCode() == 302, Duration.ofSeconds(10));
                assertThat(redirect.statusCode()).as(code + " on query-" + q).isEqualTo(302);
                assertThat(redirect.headers().firstValue("Location")).contains(url);
            }
        }
    }

    /** The web UI and what it loads besides the API, through the balancer: served by the query side. */
    @Test
    @Order(1)
    void theWebUiAndItsQrCodesWorkThroughTheBalancer() throws Exception {
        String code = create(cluster.balancer(), "https://example.com/in-the-ui", UUID.randomUUID().toString());
        for (String path : List.of("/app/", "/app/links/" + code, "/app/assets/app.js", "/app/assets/app.css",
                "/app/vendor/chart.js/chart.umd.min.js")) {
            HttpResponse<String> answer = get(cluster.balancer() + path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
        }
        assertThat(get(cluster.balancer() + "/app/").headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        HttpResponse<String> qr = getUntil(cluster.balancer() + "/api/v1/links/" + code + "/qr",
                r -> r.statusCode() == 200, Duration.ofSeconds(10));
        assertThat(qr.statusCode()).isEqualTo(200);
        assertThat(qr.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    @Order(2)
    void aChangeIsHonouredByEveryQueryInstanceWithinASecond() throws Exception {
        String code = create(cluster.balancer(), "https://example.com/before-change", UUID.randomUUID().toString());
        for (int q = 1; q <= 2; q++) {
            // Both near caches hold the link before it changes.
            assertThat(getUntil(cluster.instance("query", q) + "/" + code, r -> r.statusCode() == 302, Duration.ofSeconds(10))
                    .headers().firstValue("Location")).contains("https://example.com/before-change");
        }
        HttpResponse<String> changed = send("PATCH", cluster.balancer() + "/api/v1/links/" + code,
                "{\"url\":\"https://example.com/after-change\"}", "Content-Type", "application/merge-patch+json");
        Instant answered = Instant.now();
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

        Map<Integer, Instant> lastOld = new LinkedHashMap<>();
        Map<Integer, String> lastLocation = new LinkedHashMap<>();
        while (Instant.now().isBefore(answered.plusMillis(1500))) {
            for (int q = 1; q <= 2; q++) {
                String location = get(cluster.instance("query", q) + "/" + code).headers().firstValue("Location").orElse("");
                lastLocation.put(q, location);
                if (location.contains("before-change")) {
                    lastOld.put(q, Instant.now());
                }
            }
        }
        assertThat(lastLocation).as("both query instances redirect to the new target").allSatisfy(
                (q, location) -> assertThat(location).isEqualTo("https://example.com/after-change"));
        lastOld.forEach((q, at) -> assertThat(Duration.between(answered, at)).as("query-" + q + " used the old target")
                .isLessThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    @Order(3)
    void clicksThroughBothQueryInstancesCountExactlyOnce() throws Exception {
        String code = create(cluster.balancer(), "https://example.com/clicked", UUID.randomUUID().toString());
        for (int q = 1; q <= 2; q++) {
            String redirect = cluster.instance("query", q) + "/" + code;
            // HEAD: a redirect asked for this way is no click.
            awaitCondition(() -> head(redirect).statusCode() == 302, Duration.ofSeconds(10), code + " on query-" + q);
        }
        int perInstance = 150;
        for (int i = 0; i < perInstance; i++) {
            for (int q = 1; q <= 2; q++) {
                HttpResponse<String> redirect = get(cluster.instance("query", q) + "/" + code, "User-Agent", ClickAnalyticsIT.CHROME_WINDOWS);
                assertThat(redirect.statusCode()).isEqualTo(302);
            }
        }
        String stats = cluster.balancer() + "/api/v1/links/" + code + "/stats";
        HttpResponse<String> counted = getUntil(stats, r -> r.statusCode() == 200 && totalClicks(r) >= 2 * perInstance,
                Duration.ofSeconds(30), "Authorization", bearer);
        assertThat(totalClicks(counted)).isEqualTo(2 * perInstance);
        // Counted once means it stays there: ask again once a later click has been counted after them.
        get(cluster.instance("query", 1) + "/" + code, "User-Agent", ClickAnalyticsIT.CHROME_WINDOWS);
        counted = getUntil(stats, r -> totalClicks(r) > 2 * perInstance, Duration.ofSeconds(30), "Authorization", bearer);
        assertThat(totalClicks(counted)).isEqualTo(2 * perInstance + 1);
    }

    /**
     * A live click stream opened through the balancer lands on one query instance; every instance tails all of the
     * clicks topic, so it shows the clicks answered by either instance. Carrying nothing but heartbeats for longer
     * than HAProxy's idle timeouts, it stays open.
     */
    @Test
    @Order(3)
    void liveClicksThroughTheBalancerShowClicksOnEitherQueryInstanceAndOutliveItsTimeouts() throws Exception {
        String code = create(cluster.balancer(), "https://example.com/live-in-the-cluster", UUID.randomUUID().toString());
        for (int q = 1; q <= 2; q++) {
            String redirect = cluster.instance("query", q) + "/" + code;
            awaitCondition(() -> head(redirect).statusCode() == 302, Duration.ofSeconds(10), code + " on query-" + q);
        }
        // The live stream asks the stats view who owns the link; that view may learn of the link after the redirect view.
        awaitCondition(() -> get(cluster.balancer() + "/api/v1/links/" + code + "/stats", "Authorization", bearer).statusCode() == 200,
                Duration.ofSeconds(30), code + "'s stats");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(
                        URI.create(cluster.balancer() + "/api/v1/links/" + code + "/clicks/live"))
                .header("Authorization", bearer).header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try {
                stream.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
            lines.add(END_OF_STREAM);
        });
        reader.setDaemon(true);
        reader.start();
        try {
            // The stream follows the clicks from the moment it is open: click until one shows (the first may race it).
            for (int q = 1; q <= 2; q++) {
                String from = "query-" + q + ".example";
                String redirect = cluster.instance("query", q) + "/" + code;
                awaitLiveClick(lines, from, () -> get(redirect, "User-Agent", ClickAnalyticsIT.CHROME_WINDOWS, "Referer", "https://" + from + "/"));
            }
            awaitLiveClick(lines, "balancer.example", () -> get(cluster.balancer() + "/" + code,
                    "User-Agent", ClickAnalyticsIT.CHROME_WINDOWS, "Referer", "https://balancer.example/"));

            Duration idle = longestIdleTimeout(cluster.balancerConfiguration()).plusSeconds(5);
            Instant quietUntil = Instant.now().plus(idle);
            int heartbeats = 0;
            while (Instant.now().isBefore(quietUntil)) {
                String line = lines.poll(Duration.between(Instant.now(), quietUntil).toMillis() + 1, TimeUnit.MILLISECONDS);
                assertThat(line).as("the stream is open after %s of heartbeats alone", idle).isNotEqualTo(END_OF_STREAM);
                if (line != null && line.startsWith(":heartbeat")) {
                    heartbeats++;
                }
            }
            assertThat(heartbeats).as("heartbeats in %s", idle).isGreaterThanOrEqualTo(2);
            awaitLiveClick(lines, "after-the-quiet.example", () -> get(cluster.balancer() + "/" + code,
                    "User-Agent", ClickAnalyticsIT.CHROME_WINDOWS, "Referer", "https://after-the-quiet.example/"));
            System.out.printf("ClusterIT: the live stream outlived %d s of %d heartbeats through HAProxy%n", idle.toSeconds(), heartbeats);
        } finally {
            stream.body().close();
        }
    }

    private static final String END_OF_STREAM = "end of stream";

    private interface Request {
        HttpResponse<String> send() throws Exception;
    }

    /** Clicks until the stream shows a click from {@code referrer}, within 30 s. */
    private static void awaitLiveClick(BlockingQueue<String> lines, String referrer, Request click) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            assertThat(click.send().statusCode()).isEqualTo(302);
            Instant wait = Instant.now().plusSeconds(3);
            for (String line; (line = lines.poll(Math.max(1, Duration.between(Instant.now(), wait).toMillis()), TimeUnit.MILLISECONDS)) != null; ) {
                assertThat(line).as("the stream is open").isNotEqualTo(END_OF_STREAM);
                if (line.startsWith("data:") && JSON.readTree(line.substring(5)).get("referrer").asString().equals(referrer)) {
                    return;
                }
                if (Instant.now().isAfter(wait)) {
                    break;
                }
            }
            assertThat(Instant.now()).as("a click from " + referrer + " on the live stream").isBefore(deadline);
        }
    }

    /** The longer of HAProxy's client and server timeouts: how long a stream may carry nothing before it is cut. */
    private static Duration longestIdleTimeout(String configuration) {
        Matcher timeouts = Pattern.compile("timeout (?:client|server) (\\d+)s").matcher(configuration);
        Duration longest = Duration.ZERO;
        while (timeouts.find()) {
            Duration timeout = Duration.ofSeconds(Long.parseLong(timeouts.group(1)));
            longest = timeout.compareTo(longest) > 0 ? timeout : longest;
        }
        assertThat(longest).as("client and server timeouts in seconds in the HAProxy configuration").isPositive();
        return longest;
    }

    @Test
    @Order(4)
    void anExpiryFiresOnceAcrossTheCommandInstances() throws Exception {
        Instant expiresAt = Instant.now().plusSeconds(4);
        HttpResponse<String> created = send("POST", cluster.balancer() + "/api/v1/links",
                "{\"url\":\"https://example.com/expiring\",\"expiresAt\":\"" + expiresAt + "\"}", "Content-Type", "application/json");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String code = JSON.readTree(created.body()).get("code").asString();
        String history = cluster.balancer() + "/api/v1/links/" + code + "/history";
        HttpResponse<String> expired = getUntil(history, r -> r.body().contains("\"LinkExpired\""), Duration.ofSeconds(30),
                "Authorization", bearer);
        // Every command instance polls the deadline table every second: a second firing would come within seconds.
        HttpResponse<String> later = getUntil(history, r -> expiries(r) > 1, Duration.ofSeconds(3), "Authorization", bearer);
        assertThat(expiries(expired)).isEqualTo(1);
        assertThat(expiries(later)).as(later.body()).isEqualTo(1);
        for (int q = 1; q <= 2; q++) {
            assertThat(get(cluster.instance("query", q) + "/" + code).statusCode()).as("query-" + q).isEqualTo(410);
        }
    }

    @Test
    @Order(5)
    void aKeysCreationLimitHoldsAcrossTheCommandInstances() throws Exception {
        HttpResponse<String> issued = send("POST", cluster.balancer() + "/api/v1/admin/keys",
                "{\"owner\":\"cluster-limited\",\"rateLimitPerHour\":3}", "Content-Type", "application/json",
                "Authorization", "Bearer " + LocalCluster.ADMIN_KEY);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String limited = "Bearer " + JSON.readTree(issued.body()).get("key").asString();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(send("POST", cluster.instance("command", i % 2 + 1) + "/api/v1/links",
                    "{\"url\":\"https://example.com/limited/" + i + "\"}", "Content-Type", "application/json",
                    "Authorization", limited).statusCode());
        }
        assertThat(statuses).containsExactly(201, 201, 201, 429);
    }

    /**
     * Creates links through the balancer while it redirects the ones created so far, kills the instance of each side
     * that does the processing, and keeps going: every creation answered 201 redirects to its own URL in the end, no
     * redirect ever names another link's URL, and links created after the kill redirect within the take-over time.
     */
    @Test
    @Order(6)
    void killingAnInstanceOfEachSideMidStreamLosesNoAcknowledgedWrite() throws Exception {
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        List<String> redirectable = new CopyOnWriteArrayList<>();
        List<String> wrong = new CopyOnWriteArrayList<>();
        AtomicInteger failedRedirects = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Throwable> writeFailure = new AtomicReference<>();

        Thread writer = new Thread(() -> {
            for (int i = 0; running.get(); i++) {
                String url = "https://example.com/mid-stream/" + i;
                try {
                    // A creation that failed on its way (its instance died) was not acknowledged: only 201s count.
                    tryCreate(cluster.balancer(), url, UUID.randomUUID().toString()).ifPresent(code -> acknowledged.put(code, url));
                } catch (Exception | AssertionError e) {
                    writeFailure.set(e);
                    return;
                }
            }
        });
        Thread reader = new Thread(() -> {
            while (running.get()) {
                acknowledged.forEach((code, url) -> {
                    try {
                        HttpResponse<String> answer = get(cluster.balancer() + "/" + code);
                        String location = answer.headers().firstValue("Location").orElse(null);
                        if (answer.statusCode() == 302 && url.equals(location)) {
                            if (!redirectable.contains(code)) {
                                redirectable.add(code);
                            }
                        } else if (location != null) {
                            wrong.add(code + " → " + location);
                        } else if (redirectable.contains(code)) {
                            failedRedirects.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failedRedirects.incrementAndGet();
                    }
                });
            }
        });
        writer.start();
        reader.start();

        awaitCondition(() -> redirectable.size() >= 20, Duration.ofSeconds(60), "20 links redirecting before the kill");
        int commandOwner = cluster.owner("command", "__axon-kafka-event-publishing-group");
        int queryOwner = cluster.owner("query", "redirect-view");
        cluster.kill("command", commandOwner);
        cluster.kill("query", queryOwner);
        Instant killed = Instant.now();
        int createdBeforeKill = acknowledged.size();

        awaitCondition(() -> acknowledged.size() >= createdBeforeKill + 10, Duration.ofSeconds(60), "10 creations after the kill");
        String afterKill = create(cluster.balancer(), "https://example.com/after-the-kill", UUID.randomUUID().toString());
        HttpResponse<String> tookOver = getUntil(cluster.balancer() + "/" + afterKill, r -> r.statusCode() == 302, TAKE_OVER);
        Duration takeOver = Duration.between(killed, Instant.now());
        assertThat(tookOver.statusCode()).as("a link created after the kill redirects within " + TAKE_OVER).isEqualTo(302);
        System.out.printf("ClusterIT: processing taken over %d ms after the kill%n", takeOver.toMillis());
        running.set(false);
        writer.join();
        reader.join();
        assertThat(writeFailure.get()).as("creations answered 201, or failed on their way").isNull();

        cluster.start("command", commandOwner);
        cluster.start("query", queryOwner);

        for (Map.Entry<String, String> link : acknowledged.entrySet()) {
            for (int q = 1; q <= 2; q++) {
                HttpResponse<String> redirect = getUntil(cluster.instance("query", q) + "/" + link.getKey(),
                        r -> r.statusCode() == 302, Duration.ofSeconds(30));
                assertThat(redirect.headers().firstValue("Location")).as(link.getKey() + " on query-" + q).contains(link.getValue());
            }
        }
        assertThat(wrong).as("redirects to another link's URL").isEmpty();
        System.out.printf("ClusterIT: %d creations acknowledged, %d failed redirects of redirectable links through the balancer%n",
                acknowledged.size(), failedRedirects.get());
    }

    /**
     * Creates a link through {@code base}; a request that failed on its way (an instance died) is sent again with
     * the same Idempotency-Key, as a client should. Answers the code once it is acknowledged.
     */
    private String create(String base, String url, String idempotencyKey) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Optional<String> code = tryCreate(base, url, idempotencyKey);
            if (code.isPresent()) {
                return code.get();
            }
            assertThat(Instant.now()).as("creation of " + url + " acknowledged").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * One attempt: the code when the link was created (201); empty when the request failed on its way or its
     * instance could not answer (5xx), or its Idempotency-Key is still held by a request whose instance died (409).
     */
    private Optional<String> tryCreate(String base, String url, String idempotencyKey) throws Exception {
        HttpResponse<String> created;
        try {
            created = send("POST", base + "/api/v1/links", "{\"url\":\"" + url + "\"}",
                    "Content-Type", "application/json", "Idempotency-Key", idempotencyKey);
        } catch (IOException diedOnTheWay) {
            return Optional.empty();
        }
        if (created.statusCode() == 201) {
            return Optional.of(JSON.readTree(created.body()).get("code").asString());
        }
        assertThat(created.statusCode()).as(created.body()).matches(status -> status >= 500 || status == 409, "5xx or 409");
        return Optional.empty();
    }

    /** A request with a body, on behalf of cluster-alice unless {@code headers} name another Authorization. */
    private HttpResponse<String> send(String method, String url, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).headers(headers);
        if (!List.of(headers).contains("Authorization")) {
            request.header("Authorization", bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<Void> head(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    private HttpResponse<String> getUntil(String url, Predicate<HttpResponse<String>> until,
                                          Duration patience, String... headers) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        HttpResponse<String> response = get(url, headers);
        while (!until.test(response) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            response = get(url, headers);
        }
        return response;
    }

    private static int expiries(HttpResponse<String> history) {
        return history.body().split("\"LinkExpired\"", -1).length - 1;
    }

    private static long totalClicks(HttpResponse<String> stats) {
        JsonNode json = JSON.readTree(stats.body());
        return json.has("totalClicks") ? json.get("totalClicks").asLong() : -1;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitCondition(Condition condition, Duration patience, String what) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        while (!condition.holds()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
