package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.shortlink.infra.ClickAnalyticsIT.SAFARI_IPHONE;
import static io.shortlink.infra.ClickAnalyticsIT.click;
import static io.shortlink.infra.ClickAnalyticsIT.createLink;
import static io.shortlink.infra.ClickAnalyticsIT.stats;
import static io.shortlink.infra.ClickAnalyticsIT.statsUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system stops right after a run of redirects, with clicks still in the spool, on their way through Kafka
 * or in a link-stats batch, and starts again on the same data: every answered redirect is counted, and once.
 */
class ClickStatsRestartIT {

    @Test
    void clicksInFlightAtAStopAreCountedExactlyOnceAfterTheNextStart(@TempDir Path dataDir) throws Exception {
        UtcDay.awaitRoomFor(Duration.ofMinutes(5));
        int clicks = 1000;
        String code;
        try (RunningShortlink first = RunningShortlink.start(dataDir, true)) {
            code = createLink(first, "https://example.com/stopped-mid-stream");
            for (int i = 0; i < clicks; i++) {
                click(first, code, SAFARI_IPHONE, "https://example.org/", "SE");
            }
        }

        try (RunningShortlink second = RunningShortlink.start(dataDir, true)) {
            assertThat(statsUntil(second, code, "", s -> s.get("totalClicks").asLong() >= clicks).get("totalClicks").asLong())
                    .isEqualTo(clicks);
            Thread.sleep(2000);
            assertThat(stats(second, code, "").get("totalClicks").asLong()).isEqualTo(clicks);
            assertThat(stats(second, code, "").get("uniqueVisitors").asLong()).isEqualTo(1);
        }
    }
}
