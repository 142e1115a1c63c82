package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view write that fails is retried, not skipped: a link created while Redis is down reaches the redirect view once
 * Redis is back, although its event was handled (and failed) in the meantime.
 */
@ExtendWith(AwaitsRecovery.class)
class ProjectionRetryIT {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anEventWhoseViewWriteFailedIsAppliedOnceRedisIsBack() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        shortlink.createRedirectingLink("https://example.com/warm-up");

        String code;
        shortlink.servers.stopRedis();
        try {
            HttpResponse<String> created = shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/written-late\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            code = json.readTree(created.body()).get("code").asString();
            Thread.sleep(2_000); // the redirect view's processor handles the event now, and cannot write it
        } finally {
            shortlink.servers.startRedis();
        }

        StringRedisTemplate redis =
                shortlink.application.getBean(StringRedisTemplate.class);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!Boolean.TRUE.equals(safeHasView(redis, code)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(safeHasView(redis, code)).as("the redirect view in Redis has the link").isTrue();
    }

    /** Whether the live generation of the redirect view has the code (an earlier test's replay may have made one live). */
    private static Boolean safeHasView(StringRedisTemplate redis, String code) {
        try {
            String generation = redis.opsForValue().get("redirect-view:generation");
            String key = generation == null || generation.equals("0") ? "redirect:" + code : "redirect:" + generation + ":" + code;
            return redis.hasKey(key);
        } catch (DataAccessException reconnecting) {
            return false;
        }
    }
}
