package io.shortlink.infra;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays with two instances on the same servers (ADR 0050, 0051): a replay runs on the instance it was started on
 * while the other instance works the live processors, pauses them there, switches both instances to the new
 * generation, and is the only replay of its projections in the cluster; one whose instance died is failed by another.
 */
class ClusterReplayIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> REPLAYED = List.of("redirect-view", "link-catalog", "link-stats");
    private static RunningShortlink runner;
    private static RunningShortlink owner;
    private static final List<String> codes = new ArrayList<>();

    @BeforeAll
    static void startTwoInstancesWithHistory() throws Exception {
        runner = RunningShortlink.start(Files.createTempDirectory("shortlink-cluster-replay-it"), false);
        owner = runner.another();
        for (int i = 0; i < 15; i++) {
            HttpResponse<String> created = runner.as("alice", "POST", "/api/v1/links", "{\"url\":\"https://example.com/cluster/" + i + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            codes.add(JSON.readTree(created.body()).get("code").asString());
        }
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> changed = runner.send("PATCH", "/api/v1/links/" + codes.get(i), "{\"redirectType\":307}",
                    "Content-Type", "application/merge-patch+json", "Authorization", runner.bearer("alice"));
            assertThat(changed.statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 6; i++) {
            assertThat(owner.getUntil("/" + codes.get(i), r -> r.statusCode() != 404, Duration.ofSeconds(5)).statusCode())
                    .isBetween(300, 399);
        }
    }

    @AfterAll
    static void stop() {
        if (owner != null) {
            owner.close();
        }
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void aReplayOnOneInstanceWhileTheOtherWorksTheLiveProcessorsSwitchesBoth() throws Exception {
        handOverTheReplayedProcessorsToTheOwner();
        Map<String, String> expected = settledRedirects();
        String generationBefore = redis().opsForValue().get("redirect-view:generation");

        AtomicBoolean replaying = new AtomicBoolean(true);
        AtomicLong requests = new AtomicLong();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (RunningShortlink instance : List.of(runner, owner)) {
            Thread client = new Thread(() -> {
                while (replaying.get()) {
                    for (Map.Entry<String, String> code : expected.entrySet()) {
                        try {
                            String answer = redirectOf(instance, code.getKey());
                            requests.incrementAndGet();
                            if (!answer.equals(code.getValue())) {
                                wrong.add(instance.baseUrl + "/" + code.getKey() + ": " + answer + " instead of " + code.getValue());
                            }
                        } catch (Exception failed) {
                            wrong.add(code.getKey() + ": " + failed);
                        }
                    }
                }
            });
            clients.add(client);
            client.start();
        }
        JsonNode replay;
        try {
            String id = started(runner, "all");
            assertProblem(startReplay(owner, "redirect-view"), 409, "replay-running");
            assertProblem(startReplay(owner, "link-stats"), 409, "replay-running");
            replay = finished(owner, id);
        } finally {
            replaying.set(false);
            for (Thread client : clients) {
                client.join();
            }
        }

        assertThat(replay.get("status").asString()).as(replay.toString()).isEqualTo("DONE");
        assertThat(replay.get("differences")).isEmpty();
        assertThat(replay.get("processed").asLong()).isPositive().isEqualTo(replay.get("total").asLong());
        assertThat(wrong).isEmpty();
        assertThat(requests.get()).isGreaterThan(2L * expected.size());
        assertThat(redis().opsForValue().get("redirect-view:generation")).isNotEqualTo(generationBefore);
        // and after the replaced generation is gone
        Instant deadline = Instant.now().plusSeconds(10);
        while (redis().opsForZSet().size("redirect-view:replaced") > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(redis().opsForZSet().size("redirect-view:replaced")).isZero();
        for (RunningShortlink instance : List.of(runner, owner)) {
            for (Map.Entry<String, String> code : expected.entrySet()) {
                assertThat(redirectOf(instance, code.getKey())).isEqualTo(code.getValue());
            }
        }
        // the live processors resumed, on either instance, into the new generation, which both instances read: a new
        // code is in no near cache
        String afterwards = owner.createRedirectingLink("https://example.com/cluster/after-replay");
        assertThat(runner.getUntil("/" + afterwards, r -> r.statusCode() == 302, Duration.ofSeconds(5)).statusCode()).isEqualTo(302);
        assertThat(runner.getUntil("/api/v1/links/" + afterwards, r -> r.statusCode() == 200, Duration.ofSeconds(5)).statusCode())
                .isEqualTo(200);
        String liveGeneration = redis().opsForValue().get("redirect-view:generation");
        assertThat(redis().hasKey("redirect:" + liveGeneration + ":" + afterwards)).isTrue();
    }

    @Test
    void aReplayWhoseInstanceDiedIsFailedByAnotherAndNoLongerBlocksOne() throws Exception {
        String died = UUID.randomUUID().toString();
        jdbc().update("insert into replay (id, projection, accept_differences, verify_only, status, processed, total,"
                + " started_at, differences, processing_groups, heartbeat_at) values (?, 'redirect-view', false, false,"
                + " 'RUNNING', 3, 100, now() - interval '1 minute', '{}', '{redirect-view}', now() - interval '1 minute')", died);

        JsonNode failed = finished(owner, died);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).startsWith("Interrupted");
        String id = started(owner, "redirect-view");
        assertThat(finished(runner, id).get("status").asString()).isEqualTo("DONE");
    }

    /**
     * The first instance started works every processor; it lets the replayed ones go for a while, and the other
     * instance claims them.
     */
    private static void handOverTheReplayedProcessorsToTheOwner() throws Exception {
        Map<String, String> runnersClaims = owners();
        EventProcessingConfiguration processing = runner.application.getBean(EventProcessingConfiguration.class);
        for (String processor : REPLAYED) {
            processing.eventProcessor(processor, TrackingEventProcessor.class).orElseThrow()
                    .releaseSegment(0, 20, TimeUnit.SECONDS);
        }
        Instant deadline = Instant.now().plusSeconds(10);
        while (!claimedByAnother(runnersClaims) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(claimedByAnother(runnersClaims)).as("claims of " + REPLAYED + ": " + owners()).isTrue();
    }

    private static boolean claimedByAnother(Map<String, String> before) {
        Map<String, String> now = owners();
        return REPLAYED.stream().allMatch(processor -> now.get(processor) != null && !now.get(processor).equals(before.get(processor)));
    }

    private static Map<String, String> owners() {
        Map<String, String> owners = new LinkedHashMap<>();
        jdbc().query("select processor_name, owner from token_entry where segment = 0",
                row -> {
                    owners.put(row.getString("processor_name"), row.getString("owner"));
                });
        return owners;
    }

    /** The redirects of {@link #codes} on both instances, once the last change shows on both. */
    private static Map<String, String> settledRedirects() throws Exception {
        String last = codes.get(4);
        for (RunningShortlink instance : List.of(runner, owner)) {
            assertThat(instance.headUntil("/" + last, r -> r.statusCode() == 307, Duration.ofSeconds(10)).statusCode()).isEqualTo(307);
        }
        Map<String, String> redirects = new LinkedHashMap<>();
        for (String code : codes) {
            redirects.put(code, redirectOf(runner, code));
        }
        return redirects;
    }

    private static String redirectOf(RunningShortlink instance, String code) throws Exception {
        HttpResponse<String> redirect = instance.head("/" + code);
        return redirect.statusCode() + " " + redirect.headers().firstValue("Location").orElse("-");
    }

    private static HttpResponse<String> startReplay(RunningShortlink instance, String projection) throws Exception {
        return instance.as(RunningShortlink.ADMIN, "POST", "/api/v1/admin/replays", "{\"projection\":\"" + projection + "\"}");
    }

    private static String started(RunningShortlink instance, String projection) throws Exception {
        HttpResponse<String> started = startReplay(instance, projection);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return JSON.readTree(started.body()).get("id").asString();
    }

    /** The replay once it has ended, as {@code instance} reports it. */
    private static JsonNode finished(RunningShortlink instance, String id) throws Exception {
        HttpResponse<String> status = instance.getUntil("/api/v1/admin/replays/" + id, r -> !r.body().contains("\"RUNNING\""),
                Duration.ofSeconds(90), "Authorization", instance.bearer(RunningShortlink.ADMIN));
        assertThat(status.statusCode()).isEqualTo(200);
        return JSON.readTree(status.body());
    }

    private static StringRedisTemplate redis() {
        return runner.application.getBean(StringRedisTemplate.class);
    }

    private static JdbcTemplate jdbc() {
        return runner.application.getBean(JdbcTemplate.class);
    }
}
