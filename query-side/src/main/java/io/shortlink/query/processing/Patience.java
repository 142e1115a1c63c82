package io.shortlink.query.processing;

import java.time.Duration;
import java.time.Instant;

/** How long to wait for something that should move: a deadline that each sign of progress puts off again. */
public final class Patience {

    private final Duration length;
    private Instant deadline;

    public Patience(Duration length) {
        this.length = length;
        progressed();
    }

    /** Something moved: the wait starts again. */
    public void progressed() {
        deadline = Instant.now().plus(length);
    }

    /** Nothing has moved for the whole length. */
    public boolean runOut() {
        return Instant.now().isAfter(deadline);
    }

    @Override
    public String toString() {
        return length.toString();
    }
}
