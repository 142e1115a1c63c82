package io.shortlink.infra;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static io.shortlink.infra.ClickAnalyticsIT.CHROME_WINDOWS;
import static io.shortlink.infra.ClickAnalyticsIT.click;
import static io.shortlink.infra.ClickAnalyticsIT.createLink;
import static io.shortlink.infra.ClickAnalyticsIT.statsUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Kafka the redirects of a deployment that prefers availability to freshness answer as ever (by default they
 * answer 503 once no view can show it holds the changes, ADR 0009); the clicks wait in the spool, those that do not fit it are dropped and
 * counted, and once Kafka is back every click is either on Kafka (once: the round cut off by the outage is read back)
 * or counted as dropped.
 */
class ClicksWithoutKafkaIT {

    @Test
    void redirectsAnswerWhileKafkaIsDownAndEveryClickIsEitherCountedOrCountedAsDropped(@TempDir Path dataDir) throws Exception {
        // A spool of about 50 clicks, so that a few hundred overflow it; redirects that go on while Kafka is down.
        try (RunningShortlink shortlink = RunningShortlink.start(dataDir, false, "--shortlink.clicks.spool-capacity=8KB",
                "--shortlink.freshness.max-lag=1h")) {
            MeterRegistry meters = shortlink.application.getBean(MeterRegistry.class);
            String code = createLink(shortlink, "https://example.com/no-kafka");
            int clicks = 0;
            click(shortlink, code, CHROME_WINDOWS, null, null);
            clicks++;
            awaitTrue(() -> recorded(meters) == 1);

            shortlink.servers.stopKafka();
            try {
                for (int i = 0; i < 300; i++) {
                    click(shortlink, code, CHROME_WINDOWS, null, null);
                    clicks++;
                }
                awaitTrue(() -> dropped(meters, "buffer-full") > 0);
                assertThat(dropped(meters, "buffer-full")).isPositive();
            } finally {
                shortlink.servers.startKafka();
            }
            click(shortlink, code, CHROME_WINDOWS, null, null);
            clicks++;

            int made = clicks;
            awaitTrue(() -> recorded(meters) + allDropped(meters) == made);
            assertThat(recorded(meters) + allDropped(meters)).isEqualTo(made);
            long recorded = recorded(meters);
            assertThat(statsUntil(shortlink, code, "", s -> s.get("totalClicks").asLong() >= recorded).get("totalClicks").asLong())
                    .as("every click Kafka took is in the stats").isEqualTo(recorded);
        }
    }

    private static long recorded(MeterRegistry meters) {
        return (long) meters.get("shortlink.clicks.recorded").counter().count();
    }

    private static long dropped(MeterRegistry meters, String reason) {
        return (long) meters.get("shortlink.clicks.dropped").tag("reason", reason).counter().count();
    }

    private static long allDropped(MeterRegistry meters) {
        return (long) meters.get("shortlink.clicks.dropped").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }
}
