package io.shortlink.infra;

import io.shortlink.events.LinkClicked;
import io.shortlink.infra.replay.ReplayCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays of the projections through the admin API, on a system of its own with a mixed history of creations,
 * aliases, changes, expiries, reactivations and deletions: the rebuilt views equal the live ones, redirects and
 * metadata answer the same before, during and after, and a failing replay leaves the live view alone.
 */
class ReplayIT {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String ADMIN = RunningShortlink.ADMIN;
    private static RunningShortlink shortlink;
    private static List<String> codes;
    /** The clicks on {@link #codes} made so far: redirects answered to a GET, and clicks put on the topic. */
    private static final AtomicLong clicksMade = new AtomicLong();

    /**
     * The days of the stats in a snapshot: every click of the history (the past few days and today), and fixed for the
     * class, so that a UTC midnight between two snapshots does not move the range.
     */
    private static final String STATS_DAYS = "?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(7)
            + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1);

    @BeforeAll
    static void startWithHistory() throws Exception {
        shortlink = RunningShortlink.start(Files.createTempDirectory("shortlink-replay-it"), false, new Class<?>[]{PoisonedReplay.class});
        codes = mixedHistory();
    }

    @AfterAll
    static void stop() {
        shortlink.close();
    }

    private static List<String> mixedHistory() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            created.add(create("alice", "{\"url\":\"https://example.com/plain/" + i + "\"}"));
        }
        created.add(create("alice", "{\"url\":\"https://example.com/aliased\",\"alias\":\"replay-alias\",\"redirectType\":301}"));
        created.add(create("bob", "{\"url\":\"https://example.com/bobs\",\"alias\":\"bobs-link\",\"redirectType\":307}"));
        String expiring = create("alice", "{\"url\":\"https://example.com/expiring\",\"expiresAt\":\"" + soon() + "\"}");
        String reactivated = create("alice", "{\"url\":\"https://example.com/reactivated\",\"expiresAt\":\"" + soon() + "\"}");
        created.add(expiring);
        created.add(reactivated);
        for (int i = 0; i < 5; i++) {
            assertThat(patch(created.get(i), "{\"url\":\"https://example.com/changed/" + i + "\",\"redirectType\":308}").statusCode())
                    .isEqualTo(200);
        }
        for (int i = 5; i < 8; i++) {
            assertThat(shortlink.as(ADMIN, "DELETE", "/api/v1/links/" + created.get(i), null).statusCode()).isEqualTo(204);
        }
        assertThat(shortlink.as("alice", "PUT", "/api/v1/aliases/reserved-only", null).statusCode()).isEqualTo(201);
        created.add("reserved-only");
        for (String code : List.of(expiring, reactivated)) {
            assertThat(shortlink.getUntil("/api/v1/links/" + code, r -> r.body().contains("\"EXPIRED\""), Duration.ofSeconds(10))
                    .body()).contains("\"EXPIRED\"");
        }
        for (String code : List.of(expiring, reactivated)) {
            // the expiry events themselves come from deadlines, a moment after the catalog shows the links expired
            assertThat(shortlink.getUntil("/api/v1/links/" + code + "/history", r -> r.body().contains("\"LinkExpired\""),
                    Duration.ofSeconds(10), "Authorization", shortlink.bearer(ADMIN)).body()).contains("\"LinkExpired\"");
        }
        assertThat(patch(reactivated, "{\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                .statusCode()).isEqualTo(200);
        String last = create("bob", "{\"url\":\"https://example.com/last\"}");
        created.add(last);
        clicks(created);
        settled(created);
        return created;
    }

    private static final String HUMAN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";
    private static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    private static final String BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    /**
     * Human and bot clicks: through redirects today, and on the clicks topic today and yesterday (which redirects
     * cannot make), with a mix of visitors, referrers and countries. Not older days: those are closed, and a click of a
     * closed day on another partition than the latest ones may be decided differently by a replay (docs/adr/0043).
     */
    private static void clicks(List<String> codes) throws Exception {
        for (int i = 0; i < 12; i++) {
            String userAgent = i % 4 == 3 ? BOT : i % 2 == 0 ? HUMAN : PHONE;
            int status = shortlink.get("/" + codes.get(i % 6), "User-Agent", userAgent, "Referer", "https://news.example.org/item/" + i)
                    .statusCode();
            if (Redirect.isRedirect(status)) {
                clicksMade.incrementAndGet();
            }
        }
        Instant now = Instant.now();
        try (ClickInjector inject = new ClickInjector(shortlink)) {
            for (int i = 0; i < 60; i++) {
                inject.click(new LinkClicked(codes.get(i % 9), now.minus(Duration.ofDays(i % 2)).minusSeconds(i),
                        i % 3 == 0 ? "direct" : "ref" + i % 4 + ".example", i % 7 == 0 ? BOT : i % 2 == 0 ? HUMAN : PHONE,
                        "visitor-" + i % 8, i % 2 == 0 ? "DE" : "FR"));
                clicksMade.incrementAndGet();
            }
        }
    }

    private static String soon() {
        return Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String create(String caller, String body) throws Exception {
        HttpResponse<String> created = shortlink.as(caller, "POST", "/api/v1/links", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("code").asString();
    }

    private static HttpResponse<String> patch(String code, String body) throws Exception {
        return shortlink.send("PATCH", "/api/v1/links/" + code, body,
                "Content-Type", "application/merge-patch+json", "Authorization", shortlink.bearer(ADMIN));
    }

    /**
     * A snapshot once the projections have handled every event so far: the history's last link (its last link event)
     * shows in each view, and the stats count every click made on the codes. (Two snapshots a moment apart that agree
     * prove nothing: the clicks of a test before may still be on their way.)
     */
    private static Map<String, Answers> settled(List<String> codes) throws Exception {
        String last = codes.get(codes.size() - 1);
        Instant deadline = Instant.now().plusSeconds(30);
        Map<String, Answers> snapshot = snapshot(codes);
        while (!(snapshot.get(last).inEveryView() && clicksCounted(snapshot) == clicksMade.get()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            snapshot = snapshot(codes);
        }
        assertThat(snapshot.get(last).inEveryView()).as("the last link in every view: " + snapshot.get(last)).isTrue();
        assertThat(clicksCounted(snapshot)).as("clicks counted").isEqualTo(clicksMade.get());
        return snapshot;
    }

    /** The clicks, by people and bots, that the stats in a {@link #snapshot} count. */
    private static long clicksCounted(Map<String, Answers> snapshot) {
        return snapshot.values().stream().mapToLong(answers -> answers.clicks() + answers.botClicks()).sum();
    }

    /** A redirect's status and Location. */
    private record Redirect(int status, String location) {

        boolean redirects() {
            return isRedirect(status);
        }

        static boolean isRedirect(int status) {
            return status >= 300 && status < 400;
        }
    }

    /** What a code answers: its redirect, its metadata and its stats of {@link #STATS_DAYS}. */
    private record Answers(Redirect redirect, JsonNode metadata, JsonNode stats) {

        boolean inEveryView() {
            return redirect.redirects() && metadata.has("shortUrl") && stats.has("totalClicks");
        }

        long clicks() {
            return stats.path("totalClicks").asLong();
        }

        long botClicks() {
            return stats.path("botClicks").asLong();
        }
    }

    /** What each code answers; the redirect asked with {@code HEAD}, which is no click. */
    private static Map<String, Answers> snapshot(List<String> codes) throws Exception {
        Map<String, Answers> answers = new LinkedHashMap<>();
        for (String code : codes) {
            answers.put(code, new Answers(redirectOf("HEAD", code), json.readTree(shortlink.get("/api/v1/links/" + code).body()),
                    json.readTree(shortlink.as(ADMIN, "GET", "/api/v1/links/" + code + "/stats" + STATS_DAYS, null).body())));
        }
        return answers;
    }

    /** The redirect of one of the {@link #codes}. */
    private static Redirect redirectOf(String method, String code) throws Exception {
        HttpResponse<String> answer = shortlink.send(method, "/" + code, null);
        Redirect redirect = new Redirect(answer.statusCode(), answer.headers().firstValue("Location").orElse(null));
        if (method.equals("GET") && redirect.redirects()) {
            clicksMade.incrementAndGet();
        }
        return redirect;
    }

    private static HttpResponse<String> startReplay(String caller, String projection) throws Exception {
        return shortlink.as(caller, "POST", "/api/v1/admin/replays", "{\"projection\":\"" + projection + "\"}");
    }

    private static String started(String projection) throws Exception {
        HttpResponse<String> started = startReplay(ADMIN, projection);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode replay = json.readTree(started.body());
        assertThat(replay.get("projection").asString()).isEqualTo(projection);
        assertThat(replay.get("status").asString()).isEqualTo("RUNNING");
        return replay.get("id").asString();
    }

    private static JsonNode finished(String id) throws Exception {
        HttpResponse<String> status = shortlink.getUntil("/api/v1/admin/replays/" + id,
                r -> !r.body().contains("\"RUNNING\""), Duration.ofSeconds(90), "Authorization", shortlink.bearer(ADMIN));
        assertThat(status.statusCode()).isEqualTo(200);
        return json.readTree(status.body());
    }

    private static JsonNode replayed(String projection) throws Exception {
        JsonNode replay = finished(started(projection));
        assertThat(replay.get("status").asString()).as(replay.toString()).isEqualTo("DONE");
        assertThat(replay.get("differences")).isEmpty();
        assertThat(replay.get("processed").asLong()).isPositive().isEqualTo(replay.get("total").asLong());
        assertThat(replay.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(replay.get("finishedAt").isNull()).isFalse();
        return replay;
    }

    private static StringRedisTemplate redis() {
        return shortlink.application.getBean(StringRedisTemplate.class);
    }

    private static String liveGeneration() {
        return redis().opsForValue().get("redirect-view:generation");
    }

    @Test
    void eachProjectionRebuildsToTheSameViewAndSwitchesToIt() throws Exception {
        Map<String, Answers> before = settled(codes);
        String generationBefore = liveGeneration();

        JsonNode redirectView = replayed("redirect-view");
        assertThat(liveGeneration()).isNotEqualTo(generationBefore);
        assertThat(snapshot(codes)).isEqualTo(before);

        replayed("link-catalog");
        assertThat(snapshot(codes)).isEqualTo(before);

        JsonNode linkStats = replayed("link-stats");
        assertThat(snapshot(codes)).isEqualTo(before);
        assertThat(before.values()).anyMatch(answers -> answers.clicks() > 0 && answers.botClicks() > 0);
        // the stats are built from the link events and the clicks
        assertThat(linkStats.get("total").asLong()).isGreaterThan(redirectView.get("total").asLong());

        // the total counts every event in the topic, reservations included
        assertThat(redirectView.get("total").asLong()).isGreaterThan(codes.size());
        String afterwards = create("carol", "{\"url\":\"https://example.com/after-replay\"}");
        assertThat(shortlink.getUntil("/" + afterwards, r -> r.statusCode() == 302, Duration.ofSeconds(5))
                .headers().firstValue("Location")).contains("https://example.com/after-replay");
        assertThat(shortlink.getUntil("/api/v1/links/" + afterwards, r -> r.statusCode() == 200, Duration.ofSeconds(5))
                .statusCode()).isEqualTo(200);
        shortlink.get("/" + afterwards, "User-Agent", HUMAN);
        assertThat(shortlink.getUntil("/api/v1/links/" + afterwards + "/stats", r -> r.body().contains("\"totalClicks\":1"),
                Duration.ofSeconds(10), "Authorization", shortlink.bearer("carol")).body()).contains("\"totalClicks\":1");
    }

    @Test
    void redirectsAnswerRightThroughoutAReplayOfAll() throws Exception {
        Map<String, Redirect> expected = new LinkedHashMap<>();
        for (String code : codes) {
            expected.put(code, redirectOf("GET", code));
        }
        AtomicBoolean replaying = new AtomicBoolean(true);
        AtomicLong requests = new AtomicLong();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        Runnable client = () -> {
            while (replaying.get()) {
                for (Map.Entry<String, Redirect> code : expected.entrySet()) {
                    try {
                        Redirect answer = redirectOf("GET", code.getKey());
                        requests.incrementAndGet();
                        if (!answer.equals(code.getValue())) {
                            wrong.add(code.getKey() + ": " + answer + " instead of " + code.getValue());
                        }
                    } catch (Exception failed) {
                        wrong.add(code.getKey() + ": " + failed);
                    }
                }
            }
        };
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(new Thread(client));
        }
        clients.forEach(Thread::start);
        JsonNode all;
        try {
            all = replayed("all");
        } finally {
            replaying.set(false);
            for (Thread running : clients) {
                running.join();
            }
        }

        assertThat(wrong).isEmpty();
        assertThat(requests.get()).isGreaterThan(expected.size());
        assertThat(all.get("projection").asString()).isEqualTo("all");
    }

    @Test
    void aFailingReplayEndsFailedAndLeavesTheLiveViewAlone() throws Exception {
        awaitReplacedGenerationsDropped();
        Map<String, Answers> before = settled(codes);
        String generationBefore = liveGeneration();
        PoisonedReplay.armed = true;
        JsonNode replay;
        try {
            replay = finished(started(PoisonedReplay.NAME));
        } finally {
            PoisonedReplay.armed = false;
        }

        assertThat(replay.get("status").asString()).isEqualTo("FAILED");
        assertThat(replay.get("error").asString()).contains("poison event");
        assertThat(liveGeneration()).isEqualTo(generationBefore);
        assertThat(keysOutsideTheLiveGeneration()).isEmpty();
        assertThat(snapshot(codes)).isEqualTo(before);
        String afterwards = create("carol", "{\"url\":\"https://example.com/after-failure\"}");
        assertThat(shortlink.getUntil("/" + afterwards, r -> r.statusCode() == 302, Duration.ofSeconds(5)).statusCode())
                .isEqualTo(302);
    }

    @Test
    void aRebuiltViewThatDiffersFromTheLiveOneIsReportedAndNotSwitchedToUnlessAccepted() throws Exception {
        awaitReplacedGenerationsDropped();
        String code = codes.get(10);
        String clicked = codes.get(1);
        String key = livePrefix() + code;
        String url = (String) redis().opsForHash().get(key, "url");
        String generationBefore = liveGeneration();
        JdbcTemplate jdbc = shortlink.application.getBean(JdbcTemplate.class);
        Integer redirectType = jdbc.queryForObject("select redirect_type from link_catalog where code = ?", Integer.class, code);
        redis().opsForHash().put(key, "url", "https://example.com/tampered");
        jdbc.update("update link_catalog set redirect_type = 399 where code = ?", code);
        assertThat(jdbc.update("update link_stats_total set clicks = clicks + 990000 where code = ?", clicked)).isEqualTo(1);
        try {
            HttpResponse<String> verification = shortlink.as(ADMIN, "POST", "/api/v1/admin/replays",
                    "{\"projection\":\"all\",\"verifyOnly\":true}");
            assertThat(verification.statusCode()).isEqualTo(202);
            JsonNode verified = finished(json.readTree(verification.body()).get("id").asString());
            assertThat(verified.get("status").asString()).isEqualTo("DONE");
            assertThat(verified.get("verifyOnly").asBoolean()).isTrue();
            // "all" here includes the test's poisoned twin of redirect-view, which finds the same difference again
            assertThat(verified.get("differences").valueStream().map(JsonNode::asString).distinct()).satisfiesExactly(
                    catalog -> assertThat(catalog).startsWith("link-catalog").contains(code).contains("399"),
                    stats -> assertThat(stats).startsWith("link-stats link_stats_total").contains(clicked),
                    redirect -> assertThat(redirect).startsWith("redirect-view").contains(code).contains("tampered"));
            assertThat(liveGeneration()).isEqualTo(generationBefore);
            assertThat(redis().opsForHash().get(key, "url")).isEqualTo("https://example.com/tampered");
            assertThat(keysOutsideTheLiveGeneration()).isEmpty();

            JsonNode redirectView = finished(started("redirect-view"));
            assertThat(redirectView.get("status").asString()).isEqualTo("FAILED");
            assertThat(redirectView.get("differences")).hasSize(1);
            assertThat(redirectView.get("differences").get(0).asString()).contains(code).contains("tampered");
            assertThat(liveGeneration()).isEqualTo(generationBefore);
            assertThat(redis().opsForHash().get(key, "url")).isEqualTo("https://example.com/tampered");
            assertThat(keysOutsideTheLiveGeneration()).isEmpty();

            JsonNode catalog = finished(started("link-catalog"));
            assertThat(catalog.get("status").asString()).isEqualTo("FAILED");
            assertThat(catalog.get("differences").get(0).asString()).contains(code).contains("399");
            assertThat(jdbc.queryForObject("select redirect_type from link_catalog where code = ?", Integer.class, code))
                    .isEqualTo(399);

            JsonNode linkStats = finished(started("link-stats"));
            assertThat(linkStats.get("status").asString()).isEqualTo("FAILED");
            assertThat(linkStats.get("differences")).hasSize(1);
            assertThat(linkStats.get("differences").get(0).asString()).contains("link_stats_total").contains(clicked).contains("99");
            assertThat(jdbc.queryForObject("select clicks from link_stats_total where code = ?", Long.class, clicked))
                    .isGreaterThan(990000);

            // a replay that accepts differences repairs the live views
            for (String projection : List.of("redirect-view", "link-catalog", "link-stats")) {
                HttpResponse<String> repair = shortlink.as(ADMIN, "POST", "/api/v1/admin/replays",
                        "{\"projection\":\"" + projection + "\",\"acceptDifferences\":true}");
                assertThat(repair.statusCode()).isEqualTo(202);
                JsonNode repaired = finished(json.readTree(repair.body()).get("id").asString());
                assertThat(repaired.get("status").asString()).isEqualTo("DONE");
                assertThat(repaired.get("differences")).hasSize(1);
            }
            assertThat(redis().opsForHash().get(livePrefix() + code, "url")).isEqualTo(url);
            assertThat(jdbc.queryForObject("select redirect_type from link_catalog where code = ?", Integer.class, code))
                    .isEqualTo(redirectType);
            assertThat(jdbc.queryForObject("select clicks from link_stats_total where code = ?", Long.class, clicked))
                    .isLessThan(990000);
        } finally {
            if (Boolean.TRUE.equals(redis().hasKey(key))) {
                redis().opsForHash().put(key, "url", url);
            }
            jdbc.update("update link_catalog set redirect_type = ? where code = ?", redirectType, code);
            jdbc.update("update link_stats_total set clicks = clicks - 990000 where code = ? and clicks >= 990000", clicked);
        }
    }

    @Test
    void aGenerationLeftBehindByAStoppedProcessIsDeletedByTheNextReplay() throws Exception {
        awaitReplacedGenerationsDropped();
        // what a process killed while it built generation n leaves in Redis
        Long leftBehind = redis().opsForValue().increment("redirect-view:last-generation");
        String key = "redirect:" + leftBehind + ":" + codes.get(0);
        redis().opsForHash().put(key, "url", "https://example.com/left-behind");

        replayed("redirect-view");

        assertThat(redis().hasKey(key)).isFalse();
        awaitReplacedGenerationsDropped();
    }

    private static String livePrefix() {
        String live = liveGeneration();
        return live == null || live.equals("0") ? "redirect:" : "redirect:" + live + ":";
    }

    /** An earlier replay drops the generation it replaced a moment after it is done. */
    private static void awaitReplacedGenerationsDropped() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!keysOutsideTheLiveGeneration().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(keysOutsideTheLiveGeneration()).isEmpty();
    }

    private static List<String> keysOutsideTheLiveGeneration() {
        String livePrefix = livePrefix();
        List<String> outside = new ArrayList<>();
        try (Cursor<String> keys = redis().scan(ScanOptions.scanOptions().match("redirect:*").count(1000).build())) {
            keys.forEachRemaining(key -> {
                boolean ofLive = key.startsWith(livePrefix) && key.indexOf(':', livePrefix.length()) < 0;
                if (!ofLive) {
                    outside.add(key);
                }
            });
        }
        return outside;
    }

    @Test
    void oneReplayPerProjectionAtATime() throws Exception {
        String first = started("redirect-view");
        assertProblem(startReplay(ADMIN, "redirect-view"), 409, "replay-running");
        assertProblem(startReplay(ADMIN, "all"), 409, "replay-running");
        assertThat(finished(first).get("status").asString()).isEqualTo("DONE");

        HttpResponse<String> list = shortlink.as(ADMIN, "GET", "/api/v1/admin/replays", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(first);
    }

    /** Runs the command line as an admin; answers its exit code and what it wrote. */
    private static CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new ReplayCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        String[] options = {"--url", shortlink.baseUrl, "--admin-key", RunningShortlink.ADMIN_KEY, "--poll", "100"};
        String[] all = new String[options.length + args.length];
        System.arraycopy(options, 0, all, 0, options.length);
        System.arraycopy(args, 0, all, options.length, args.length);
        int exitCode = command.execute(all);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    private record CliRun(int exitCode, String out, String err) {
    }

    @Test
    void theCommandLineStartsFollowsAndListsReplays() throws Exception {
        CliRun done = cli("start", "link-catalog", "--follow");
        assertThat(done.exitCode()).as(done.err()).isZero();
        assertThat(done.out()).contains("link-catalog DONE");
        String id = done.out().substring("Replay ".length(), done.out().indexOf(" of "));

        CliRun verified = cli("verify", "link-stats");
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("link-stats (verification) DONE").contains("equals the live one");

        CliRun status = cli("status", id);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).startsWith(id + " link-catalog DONE");
        assertThat(cli("list").out()).contains(id);

        PoisonedReplay.armed = true;
        CliRun failed;
        try {
            failed = cli("start", PoisonedReplay.NAME, "--follow");
        } finally {
            PoisonedReplay.armed = false;
        }
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).contains("FAILED").contains("poison event");

        CliRun unknown = cli("start", "no-such-view");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("400").contains("no-such-view");
    }

    @Test
    void onlyAdminsReplayAndOnlyKnownProjections() throws Exception {
        assertProblem(startReplay(null, "redirect-view"), 401, "authentication-required");
        assertProblem(startReplay("alice", "redirect-view"), 403, "forbidden");
        assertProblem(shortlink.as(null, "GET", "/api/v1/admin/replays", null), 401, "authentication-required");
        assertProblem(shortlink.as("alice", "GET", "/api/v1/admin/replays/x", null), 403, "forbidden");
        assertProblem(startReplay(ADMIN, "no-such-view"), 400, "unknown-projection");
        assertProblem(shortlink.as(ADMIN, "GET", "/api/v1/admin/replays/no-such-replay", null), 404, "replay-not-found");
    }
}
