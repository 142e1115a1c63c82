package io.shortlink.infra;

import io.shortlink.query.stats.LinkStatsQueries;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Redirects become clicks on Kafka, clicks become the link-stats in PostgreSQL, exactly once. */
class ClickAnalyticsIT {

    static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
    static final String FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:120.0) Gecko/20100101 Firefox/120.0";
    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    static final String CURL = "curl/8.4.0";

    private static final JsonMapper json = JsonMapper.builder().build();
    private static RunningShortlink shortlink;

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.shared();
    }

    @Test
    void redirectsOfBrowsersAndBotsAddUpToExactStats() throws Exception {
        UtcDay.awaitRoomFor(Duration.ofMinutes(1));
        String code = createLink(shortlink, "https://example.com/stats");
        for (int site = 1; site <= 12; site++) {
            for (int i = 0; i < site; i++) {
                click(shortlink, code, CHROME_WINDOWS, "https://site" + site + ".example/page?i=" + i, "de");
            }
        }
        for (int i = 0; i < 5; i++) {
            click(shortlink, code, SAFARI_IPHONE, null, "US");
        }
        for (int i = 0; i < 2; i++) {
            click(shortlink, code, FIREFOX_MAC, "https://news.ycombinator.com/item?id=1", null);
        }
        for (int i = 0; i < 3; i++) {
            click(shortlink, code, GOOGLEBOT, "https://www.google.com/", "DE");
        }
        for (int i = 0; i < 2; i++) {
            click(shortlink, code, CURL, null, "XX");
        }
        assertThat(shortlink.head("/" + code).statusCode()).isEqualTo(302);

        JsonNode stats = statsUntil(shortlink, code, "", s -> s.get("totalClicks").asLong() + s.get("botClicks").asLong() >= 90);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(stats.get("code").asString()).isEqualTo(code);
        assertThat(stats.get("from").asString()).isEqualTo(today.minusDays(29).toString());
        assertThat(stats.get("to").asString()).isEqualTo(today.toString());
        assertThat(stats.get("totalClicks").asLong()).isEqualTo(85);
        assertThat(stats.get("botClicks").asLong()).isEqualTo(5);
        assertThat(stats.get("uniqueVisitors").asLong()).as("one address, three browsers").isEqualTo(3);
        List<JsonNode> daily = stats.get("daily").valueStream().toList();
        assertThat(daily).hasSize(30);
        assertThat(daily.get(0).get("date").asString()).isEqualTo(today.minusDays(29).toString());
        assertThat(daily.subList(0, 29)).allSatisfy(day -> {
            assertThat(day.get("clicks").asLong()).isZero();
            assertThat(day.get("uniqueVisitors").asLong()).isZero();
        });
        assertThat(daily.get(29).get("date").asString()).isEqualTo(today.toString());
        assertThat(daily.get(29).get("clicks").asLong()).isEqualTo(85);
        assertThat(daily.get(29).get("uniqueVisitors").asLong()).isEqualTo(3);

        assertThat(entries(stats, "referrers")).containsExactly(
                tuple("site12.example", 12L), tuple("site11.example", 11L), tuple("site10.example", 10L),
                tuple("site9.example", 9L), tuple("site8.example", 8L), tuple("site7.example", 7L),
                tuple("site6.example", 6L), tuple("direct", 5L), tuple("site5.example", 5L),
                tuple("site4.example", 4L), tuple("other", 3L + 2L + 2L + 1L));
        assertThat(entries(stats, "countries")).containsExactly(tuple("DE", 78L), tuple("US", 5L), tuple("unknown", 2L));
        assertThat(entries(stats, "browsers")).containsExactly(tuple("Chrome", 78L), tuple("Safari", 5L), tuple("Firefox", 2L));
        assertThat(entries(stats, "operatingSystems")).containsExactly(
                tuple("Windows NT", 78L), tuple("iOS", 5L), tuple("Mac OS", 2L));
        assertThat(entries(stats, "devices")).containsExactly(tuple("Desktop", 80L), tuple("Phone", 5L));

        HttpResponse<String> metadata = shortlink.get("/api/v1/links/" + code);
        assertThat(json.readTree(metadata.body()).get("totalClicks").asLong()).as("the link's metadata: people only").isEqualTo(85);
        LinkStatsQueries queries = shortlink.application.getBean(LinkStatsQueries.class);
        assertThat(queries.totalClicks(code)).as("the link's metadata figure: people only").isEqualTo(85);
        assertThat(queries.totalClicks(List.of(code, "NeverClicked"))).containsExactlyInAnyOrderEntriesOf(
                Map.of(code, 85L, "NeverClicked", 0L));
    }

    /** On the days that are still open: today's and yesterday's (older days are closed, docs/adr/0043). */
    @Test
    void uniqueVisitorsAreCountedPerDayAndSummedOverTheRange() throws Exception {
        UtcDay.awaitRoomFor(Duration.ofMinutes(1));
        String code = createLink(shortlink, "https://example.com/days");
        statsUntil(shortlink, code, "", s -> true);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate yesterday = today.minusDays(1);
        Instant morning = yesterday.atTime(8, 0).toInstant(ZoneOffset.UTC);
        Instant midnight = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        try (ClickInjector inject = new ClickInjector(shortlink)) {
            inject.click(code, morning, "visitor-a", CHROME_WINDOWS);
            inject.click(code, morning.plusSeconds(60), "visitor-a", CHROME_WINDOWS);
            inject.click(code, morning.plusSeconds(120), "visitor-a", CHROME_WINDOWS);
            inject.click(code, midnight.minusSeconds(1), "visitor-b", SAFARI_IPHONE);
            inject.click(code, midnight, "visitor-a", CHROME_WINDOWS);
            inject.click(code, midnight.plusSeconds(1), "visitor-a", CHROME_WINDOWS);
            inject.click(code, midnight.plusSeconds(2), "visitor-c", GOOGLEBOT);
        }

        String range = "?from=" + yesterday + "&to=" + today;
        JsonNode stats = statsUntil(shortlink, code, range, s -> s.get("totalClicks").asLong() + s.get("botClicks").asLong() >= 7);

        assertThat(stats.get("totalClicks").asLong()).isEqualTo(6);
        assertThat(stats.get("uniqueVisitors").asLong()).as("a and b yesterday, a again today").isEqualTo(3);
        assertThat(stats.get("botClicks").asLong()).isEqualTo(1);
        assertThat(stats.get("daily").valueStream().map(d -> tuple(d.get("date").asString(), d.get("clicks").asLong(),
                d.get("uniqueVisitors").asLong()))).containsExactly(
                tuple(yesterday.toString(), 4L, 2L), tuple(today.toString(), 2L, 1L));

        JsonNode oneDay = json.readTree(shortlink.get("/api/v1/links/" + code + "/stats?from=" + today + "&to=" + today).body());
        assertThat(oneDay.get("totalClicks").asLong()).isEqualTo(2);
        assertThat(oneDay.get("uniqueVisitors").asLong()).isEqualTo(1);
        assertThat(entries(oneDay, "browsers")).containsExactly(tuple("Chrome", 2L));
    }

    @Test
    void theStatsOfAnOwnedLinkAreTheOwnersOnly() throws Exception {
        HttpResponse<String> created = shortlink.send("POST", "/api/v1/links", "{\"url\":\"https://example.com/alice\"}",
                "Content-Type", "application/json", "Authorization", shortlink.bearer("alice"));
        assertThat(created.statusCode()).isEqualTo(201);
        String code = json.readTree(created.body()).get("code").asString();
        String stats = "/api/v1/links/" + code + "/stats";

        HttpResponse<String> owners = shortlink.getUntil(stats, r -> r.statusCode() == 200, Duration.ofSeconds(10),
                "Authorization", shortlink.bearer("alice"));
        assertThat(owners.statusCode()).isEqualTo(200);
        assertThat(shortlink.get(stats, "Authorization", shortlink.bearer(RunningShortlink.ADMIN)).statusCode()).isEqualTo(200);
        for (HttpResponse<String> forbidden : List.of(shortlink.get(stats, "Authorization", shortlink.bearer("bob")), shortlink.get(stats))) {
            assertThat(forbidden.statusCode()).isEqualTo(403);
            assertThat(forbidden.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(json.readTree(forbidden.body()).get("code").asString()).isEqualTo("forbidden");
        }
    }

    @Test
    void badRangesAndUnknownLinksAreProblems() throws Exception {
        String code = createLink(shortlink, "https://example.com/ranges");
        statsUntil(shortlink, code, "", s -> true);

        assertProblem(shortlink.get("/api/v1/links/" + code + "/stats?from=2026-13-01"), 400, "validation-failed", "from");
        assertProblem(shortlink.get("/api/v1/links/" + code + "/stats?from=2026-02-02&to=2026-02-01"), 400, "validation-failed", "from");
        assertProblem(shortlink.get("/api/v1/links/" + code + "/stats?from=2025-01-01&to=2026-01-02"), 400, "validation-failed", "to");
        assertThat(shortlink.get("/api/v1/links/" + code + "/stats?from=2025-01-02&to=2026-01-02").statusCode())
                .as("366 days are allowed").isEqualTo(200);
        assertProblem(shortlink.get("/api/v1/links/NoSuchLink/stats"), 404, "link-not-found", null);
    }

    /**
     * The database refuses to commit an advance of link-stats' token for a while (claims still work): each batch
     * fails at commit, after its rows were written. Were rows and token not one transaction, the rows would stay and
     * every retry would count the batch again.
     */
    @Test
    void aBatchWhoseTokenCannotBeStoredCountsNothingAndIsCountedOnceWhenRetried() throws Exception {
        String code = createLink(shortlink, "https://example.com/exactly-once");
        statsUntil(shortlink, code, "", s -> true);
        try (Connection db = database(shortlink); Statement sql = db.createStatement()) {
            sql.execute("""
                    create or replace function refuse_link_stats_token() returns trigger as $$
                    begin
                      if new.processor_name = 'link-stats' and new.token is distinct from old.token then
                        raise exception 'token store refuses to advance (test)';
                      end if;
                      return new;
                    end $$ language plpgsql""");
            // Deferred: it fires at commit, after every statement of the batch, the projection's included.
            sql.execute("create constraint trigger refuse_link_stats_token after update on token_entry"
                    + " deferrable initially deferred for each row execute function refuse_link_stats_token()");
            try {
                for (int i = 0; i < 20; i++) {
                    click(shortlink, code, CHROME_WINDOWS, null, "NL");
                }
                Thread.sleep(4000);
                assertThat(stats(shortlink, code, "").get("totalClicks").asLong()).as("rolled back with the token").isZero();
            } finally {
                sql.execute("drop trigger refuse_link_stats_token on token_entry");
            }
        }
        assertThat(statsUntil(shortlink, code, "", s -> s.get("totalClicks").asLong() >= 20).get("totalClicks").asLong()).isEqualTo(20);
        Thread.sleep(2000);
        assertThat(stats(shortlink, code, "").get("totalClicks").asLong()).isEqualTo(20);
    }

    @Test
    void aProcessorRestartMidStreamCountsEveryClickOnce() throws Exception {
        UtcDay.awaitRoomFor(Duration.ofMinutes(2));
        String code = createLink(shortlink, "https://example.com/restart");
        statsUntil(shortlink, code, "", s -> true);
        EventProcessingConfiguration processing = shortlink.application.getBean(EventProcessingConfiguration.class);
        EventProcessor linkStats = processing.eventProcessor("link-stats").orElseThrow();
        int clicks = 2000;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Integer>> statuses = new ArrayList<>();
        Future<?> stopped = null;
        Future<?> started = null;
        for (int i = 0; i < clicks; i++) {
            statuses.add(clients.submit(() -> click(shortlink, code, FIREFOX_MAC, null, "FR")));
            if (i == clicks / 3) {
                stopped = clients.submit(linkStats::shutDown);
            } else if (i == 2 * clicks / 3) {
                // Not before the shutdown is complete: a processor refuses to start while its shutdown is pending.
                Future<?> shutDown = stopped;
                started = clients.submit(() -> {
                    shutDown.get();
                    linkStats.start();
                    return null;
                });
            }
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(302);
        }
        started.get();
        clients.shutdown();
        assertThat(linkStats.isRunning()).isTrue();

        JsonNode stats = statsUntil(shortlink, code, "", s -> s.get("totalClicks").asLong() >= clicks);
        assertThat(stats.get("totalClicks").asLong()).isEqualTo(clicks);
        Thread.sleep(2000);
        assertThat(stats(shortlink, code, "").get("totalClicks").asLong()).isEqualTo(clicks);
        assertThat(stats.get("uniqueVisitors").asLong()).isEqualTo(1);
    }

    /** A new link, redirecting already; waited for with HEAD, which is not a click. */
    static String createLink(RunningShortlink shortlink, String url) throws Exception {
        HttpResponse<String> created = shortlink.post("/api/v1/links", "{\"url\":\"" + url + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String code = json.readTree(created.body()).get("code").asString();
        shortlink.headUntil("/" + code, r -> r.statusCode() == 302, Duration.ofSeconds(5));
        return code;
    }

    /** One GET redirect with the given headers (null: not sent); answers its status. */
    static int click(RunningShortlink shortlink, String code, String userAgent, String referrer, String country) throws Exception {
        List<String> headers = new ArrayList<>(List.of("User-Agent", userAgent));
        if (referrer != null) {
            headers.addAll(List.of("Referer", referrer));
        }
        if (country != null) {
            headers.addAll(List.of("CF-IPCountry", country));
        }
        HttpResponse<String> response = shortlink.get("/" + code, headers.toArray(String[]::new));
        assertThat(response.statusCode()).isEqualTo(302);
        return response.statusCode();
    }

    static JsonNode stats(RunningShortlink shortlink, String code, String query) throws Exception {
        HttpResponse<String> response = shortlink.get("/api/v1/links/" + code + "/stats" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The stats once they satisfy {@code until}, or whatever they are after 15 seconds. */
    static JsonNode statsUntil(RunningShortlink shortlink, String code, String query, Predicate<JsonNode> until) throws Exception {
        HttpResponse<String> response = shortlink.getUntil("/api/v1/links/" + code + "/stats" + query,
                r -> r.statusCode() == 200 && until.test(json.readTree(r.body())), Duration.ofSeconds(15));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static List<org.assertj.core.groups.Tuple> entries(JsonNode stats, String list) {
        return stats.get(list).valueStream().map(e -> tuple(e.get("value").asString(), e.get("clicks").asLong())).toList();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo(code);
        if (field != null) {
            assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString())).containsExactly(field);
        }
    }

    static Connection database(RunningShortlink shortlink) throws Exception {
        Environment environment = shortlink.application.getEnvironment();
        return DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
    }
}
