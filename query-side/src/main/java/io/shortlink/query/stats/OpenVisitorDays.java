package io.shortlink.query.stats;

import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * The days whose unique visitors can still change. A visitor hash is salted with its UTC day, so a visitor can only
 * be recognised again on that same day; once people's clicks of a later day arrive, an older day gets at most its
 * late clicks. The latest day is taken from the click stream, never the clock, so that a replay closes the same days
 * at the same events as the live projection did; the day before it stays open for clicks that arrive late (a click is
 * stamped when it is answered and may reach the projection seconds to minutes later).
 * <p>
 * A day is closed once it is more than {@value #LATE_DAYS} day behind the latest: its visitor rows are dropped, and a
 * click of it that still arrives counts as a new visitor (it cannot be recognised any more). See docs/adr/0043.
 */
final class OpenVisitorDays {

    static final int LATE_DAYS = 1;

    private final Supplier<LocalDate> storedLatest;
    private LocalDate latest;
    private boolean known;

    /** @param storedLatest the latest day of the stored visitors ({@code null} when there are none) */
    OpenVisitorDays(Supplier<LocalDate> storedLatest) {
        this.storedLatest = storedLatest;
    }

    /** The latest day seen so far, {@code null} before any. */
    synchronized LocalDate latest() {
        if (!known) {
            latest = storedLatest.get();
            known = true;
        }
        return latest;
    }

    /** Moves the latest day on to {@code day} when it is newer; answers whether {@code day} is still open. */
    synchronized boolean admit(LocalDate day) {
        LocalDate current = latest();
        if (current == null || day.isAfter(current)) {
            latest = day;
            return true;
        }
        return !day.isBefore(current.minusDays(LATE_DAYS));
    }

    /** Forgets what a batch that did not commit moved on: the next batch starts from what is stored. */
    synchronized void forget() {
        known = false;
        latest = null;
    }

    /** The first day still open when {@code latest} is the latest: rows of earlier days can never match again. */
    static LocalDate firstOpenDay(LocalDate latest) {
        return latest.minusDays(LATE_DAYS);
    }
}
