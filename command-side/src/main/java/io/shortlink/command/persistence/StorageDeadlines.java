package io.shortlink.command.persistence;

import jakarta.servlet.ServletException;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * How long one HTTP write request may wait for PostgreSQL, counted from its first use of the database. A frozen
 * server keeps its connections open and never answers, so without a deadline a creation hung for 26 s; with it,
 * every wait (for a pooled connection, for an answer) ends by the deadline as a connection failure, answered 503.
 */
public final class StorageDeadlines {

    private static final long NOT_STARTED = Long.MIN_VALUE;
    private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

    private StorageDeadlines() {
    }

    /** Runs a request's work under a deadline of {@code budget} from its first database use. */
    static void within(Duration budget, Work work) throws IOException, ServletException {
        DEADLINE.set(new long[]{NOT_STARTED, budget.toNanos()});
        try {
            work.run();
        } finally {
            DEADLINE.remove();
        }
    }

    /** Gives the current request's next piece of work (one item of a bulk request) the whole budget again. */
    public static void restart() {
        long[] deadline = DEADLINE.get();
        if (deadline != null) {
            deadline[0] = NOT_STARTED;
        }
    }

    /** Milliseconds left for the current thread's request (starting its clock), or empty when it has no deadline. */
    static OptionalLong remainingMillis() {
        long[] deadline = DEADLINE.get();
        if (deadline == null) {
            return OptionalLong.empty();
        }
        if (deadline[0] == NOT_STARTED) {
            deadline[0] = System.nanoTime() + deadline[1];
        }
        return OptionalLong.of(Duration.ofNanos(deadline[0] - System.nanoTime()).toMillis());
    }

    @FunctionalInterface
    interface Work {
        void run() throws IOException, ServletException;
    }
}
