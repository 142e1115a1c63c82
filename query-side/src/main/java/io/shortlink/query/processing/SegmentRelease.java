package io.shortlink.query.processing;

import java.time.Duration;

/**
 * A request to every query-side instance: do not work {@code processor}'s segment for {@code lasting} (the owner lets
 * go of its claim); {@link Duration#ZERO} lifts an earlier request. Sent as {@code <millis> <processor>}.
 */
record SegmentRelease(String processor, Duration lasting) {

    String encoded() {
        return lasting.toMillis() + " " + processor;
    }

    static SegmentRelease decoded(String message) {
        int space = message.indexOf(' ');
        if (space < 1) {
            throw new IllegalArgumentException("Not a segment release: " + message);
        }
        return new SegmentRelease(message.substring(space + 1), Duration.ofMillis(Long.parseLong(message.substring(0, space))));
    }
}
