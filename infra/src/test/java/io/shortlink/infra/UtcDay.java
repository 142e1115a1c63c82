package io.shortlink.infra;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * For tests whose figures belong to one UTC day (the stats' days, the visitor salt that rotates at midnight): run
 * across midnight, their clicks would fall on two days.
 */
final class UtcDay {

    private UtcDay() {
    }

    /** Returns at once when {@code room} fits before the next UTC midnight, else once that midnight has passed. */
    static void awaitRoomFor(Duration room) throws InterruptedException {
        Instant now = Instant.now();
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        while (now.plus(room).isAfter(midnight) && now.isBefore(midnight)) {
            Thread.sleep(Duration.between(now, midnight).toMillis() + 1);
            now = Instant.now();
        }
    }
}
