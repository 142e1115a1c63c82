package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis frozen (SIGSTOP, connections left open): no invalidation reaches the near cache, yet a change answered 200 is
 * never contradicted by a redirect sent more than 1 s later — each answer is the new target or 503 — during the freeze
 * and after it.
 */
@ExtendWith(AwaitsRecovery.class)
class RedisPausedIT {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String OLD = "https://example.com/before-the-freeze";
    private static final String NEW = "https://example.com/changed-during-the-freeze";

    private record Answer(Instant sent, int status, String location) {
    }

    @Test
    void noRedirectUsesTheOldTargetMoreThanASecondAfterTheChange() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        String bearer = shortlink.bearer("redis-paused");
        HttpResponse<String> created = shortlink.post("/api/v1/links", "{\"url\":\"" + OLD + "\"}", "Authorization", bearer);
        assertThat(created.statusCode()).isEqualTo(201);
        String code = json.readTree(created.body()).get("code").asString();
        assertThat(shortlink.getUntil("/" + code, r -> r.statusCode() == 302, Duration.ofSeconds(5))
                .headers().firstValue("Location")).as("cached now").contains(OLD);

        List<Answer> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean asking = new AtomicBoolean(true);
        ExecutorService askers = Executors.newFixedThreadPool(2);
        List<Future<?>> running = List.of(askers.submit(() -> ask(shortlink, code, answers, asking)),
                askers.submit(() -> ask(shortlink, code, answers, asking)));
        Instant changed;
        shortlink.servers.pauseRedis();
        try {
            HttpResponse<String> change = shortlink.send("PATCH", "/api/v1/links/" + code, "{\"url\":\"" + NEW + "\"}",
                    "Content-Type", "application/merge-patch+json", "Authorization", bearer);
            changed = Instant.now();
            assertThat(change.statusCode()).as(change.body()).isEqualTo(200);
            awaitAnswersSentAfter(answers, changed.plusSeconds(8));
        } finally {
            shortlink.servers.resumeRedis();
        }
        Instant resumed = Instant.now();
        awaitAnswersSentAfter(answers, resumed.plusSeconds(3));
        asking.set(false);
        for (Future<?> asker : running) {
            asker.get(30, TimeUnit.SECONDS);
        }
        askers.shutdown();

        List<Answer> afterTheChange = answers.stream().filter(a -> a.sent().isAfter(changed.plusSeconds(1))).toList();
        assertThat(afterTheChange).as("answers sent more than 1 s after the change's 200")
                .isNotEmpty()
                .allSatisfy(answer -> assertThat(answer.status() == 503 || (answer.status() == 302 && NEW.equals(answer.location())))
                        .as(answer.toString()).isTrue());
        assertThat(afterTheChange.stream().filter(answer -> answer.sent().isBefore(resumed)).map(Answer::status))
                .as("the link catalog answers while Redis is frozen").contains(302);
        System.out.printf("RedisPausedIT: %d answers after the change, %d of them 503%n", afterTheChange.size(),
                afterTheChange.stream().filter(a -> a.status() == 503).count());
        assertThat(shortlink.getUntil("/" + code, r -> NEW.equals(r.headers().firstValue("Location").orElse(null)),
                Duration.ofSeconds(30)).statusCode()).isEqualTo(302);
    }

    private static void ask(RunningShortlink shortlink, String code, List<Answer> answers, AtomicBoolean asking) {
        while (asking.get()) {
            Instant sent = Instant.now();
            try {
                HttpResponse<String> answer = shortlink.http.send(HttpRequest.newBuilder(URI.create(shortlink.baseUrl + "/" + code))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                answers.add(new Answer(sent, answer.statusCode(), answer.headers().firstValue("Location").orElse(null)));
            } catch (Exception unanswered) {
                answers.add(new Answer(sent, -1, unanswered.toString()));
            }
        }
    }

    private static void awaitAnswersSentAfter(List<Answer> answers, Instant moment) throws InterruptedException {
        Instant patience = moment.plusSeconds(20);
        while (answers.stream().noneMatch(a -> a.sent().isAfter(moment)) && Instant.now().isBefore(patience)) {
            Thread.sleep(50);
        }
    }
}
