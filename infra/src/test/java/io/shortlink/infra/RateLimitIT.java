package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Creations and reservations per hour: per key (the key's own limit), and per client IP for anonymous callers. */
class RateLimitIT {

    private static final String LINK = "{\"url\":\"https://example.com/limited\"}";

    @Test
    void aKeyGetsItsOwnLimitAndThen429WithRetryAfter() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        String limited = shortlink.issueKey("limited", 3).get("key").asString();
        String other = shortlink.issueKey("unlimited", null).get("key").asString();

        for (int i = 0; i < 3; i++) {
            assertThat(shortlink.post("/api/v1/links", LINK, "X-Api-Key", limited).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> refused = shortlink.post("/api/v1/links", LINK, "X-Api-Key", limited);

        assertRateLimited(refused, 3);
        assertThat(shortlink.post("/api/v1/links", LINK, "X-Api-Key", other).statusCode()).isEqualTo(201);
        assertThat(shortlink.post("/api/v1/links", LINK, "Authorization", "Bearer " + RunningShortlink.ADMIN_KEY).statusCode())
                .isEqualTo(201);
    }

    /**
     * Concurrent creations of one key are taken from its bucket in batches (ADR 0046): never more than the limit. The
     * first ones find no bucket yet: the buckets' table stays locked until the first creation waits for it, so that
     * the others queue up as a batch before the bucket exists (whether that batch runs before the first creation
     * creates it is the scheduler's choice; CreationRateLimitsTest covers that case on its own).
     */
    @Test
    void ofConcurrentCreationsWithOneKeyExactlyItsLimitPass() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        String limited = shortlink.issueKey("limited-concurrently", 5).get("key").asString();
        int requests = 24;
        CountDownLatch ready = new CountDownLatch(requests);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (Connection lock = shortlink.application.getBean(DataSource.class).getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("lock table rate_limit_bucket in exclusive mode");
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return shortlink.post("/api/v1/links", LINK, "X-Api-Key", limited);
                }));
            }
            waitUntilASessionWaitsForALock(shortlink);
            lock.rollback();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            statuses.add(answer.get().statusCode());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(5);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(requests - 5);
    }

    @Test
    void anonymousCallersAreLimitedPerClientIpWhateverForwardedHeaderTheySend(@TempDir Path dataDir) throws Exception {
        try (RunningShortlink shortlink = RunningShortlink.start(dataDir, false, "shortlink.rate-limit.anonymous-per-hour=2")) {
            assertThat(shortlink.post("/api/v1/links", LINK).statusCode()).isEqualTo(201);
            assertThat(shortlink.post("/api/v1/links", LINK, "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(201);

            assertRateLimited(shortlink.post("/api/v1/links", LINK, "X-Forwarded-For", "198.51.100.1"), 2);
            assertRateLimited(shortlink.post("/api/v1/links", LINK), 2);
            // The limit counts attempts, valid or not; a key holder draws from a bucket of its own.
            assertThat(shortlink.post("/api/v1/links", "{\"url\":\"javascript:x\"}").statusCode()).isEqualTo(429);
            String key = shortlink.issueKey("someone", null).get("key").asString();
            assertThat(shortlink.post("/api/v1/links", LINK, "X-Api-Key", key).statusCode()).isEqualTo(201);

            List<String> buckets = shortlink.application.getBean(JdbcTemplate.class)
                    .queryForList("select id from rate_limit_bucket", String.class);
            assertThat(buckets).isNotEmpty().noneMatch(id -> id.contains("127.0.0.1") || id.contains("203.0.113.7") || id.contains("::1"));
        }
    }

    @Test
    void reservationsDrawFromTheCreationLimit() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        String key = shortlink.issueKey("reserver", 1).get("key").asString();
        String alias = "limited-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(shortlink.send("PUT", "/api/v1/aliases/" + alias + "-1", "{}", "X-Api-Key", key).statusCode()).isEqualTo(201);

        assertRateLimited(shortlink.send("PUT", "/api/v1/aliases/" + alias + "-2", "{}", "X-Api-Key", key), 1);
        assertRateLimited(shortlink.post("/api/v1/links", LINK, "X-Api-Key", key), 1);
    }

    private static void waitUntilASessionWaitsForALock(RunningShortlink shortlink) throws InterruptedException {
        JdbcTemplate jdbc = shortlink.application.getBean(JdbcTemplate.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String waiting = "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%rate_limit_bucket%'";
        while (jdbc.queryForObject(waiting, Integer.class) == 0) {
            assertThat(System.nanoTime()).as("a creation waiting for the buckets' table within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void assertRateLimited(HttpResponse<String> response, int limit) {
        JsonNode problem = assertProblem(response, 429, "rate-limited");
        assertThat(problem.get("detail").asString()).contains("At most " + limit + " links");
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
    }
}
