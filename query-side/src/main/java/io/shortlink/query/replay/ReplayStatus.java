package io.shortlink.query.replay;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A replay as the admin API shows it. {@code total} is the number of events in the stream when the replay started
 * (times the projections rebuilt), raised if the final catch-up goes beyond it; {@code differences} lists where the
 * rebuilt view and the live one disagreed at the switch (a replay with differences fails and does not switch).
 */
public record ReplayStatus(String id, String projection, boolean verifyOnly, String status, long processed, long total, double progress,
                           long eventsPerSecond, Instant startedAt, Instant finishedAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String error,
                           List<String> differences) {
}
