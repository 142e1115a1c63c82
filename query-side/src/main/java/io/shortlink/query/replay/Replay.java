package io.shortlink.query.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One replay as it goes: written by the thread that runs it, read by the admin API. */
final class Replay {

    enum Status { RUNNING, DONE, FAILED }

    private final String id;
    private final String projection;
    private final boolean acceptDifferences;
    private final boolean verifyOnly;
    private final Instant startedAt;
    private final AtomicLong processed = new AtomicLong();
    private volatile long total;
    private volatile Status status = Status.RUNNING;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile List<String> differences = List.of();
    private volatile boolean abandoned;

    Replay(String id, String projection, boolean acceptDifferences, boolean verifyOnly, Instant startedAt) {
        this.id = id;
        this.projection = projection;
        this.acceptDifferences = acceptDifferences;
        this.verifyOnly = verifyOnly;
        this.startedAt = startedAt;
    }

    /** A replay as {@link ReplayLog} kept it. */
    Replay(ReplayStatus saved, boolean acceptDifferences) {
        this(saved.id(), saved.projection(), acceptDifferences, saved.verifyOnly(), saved.startedAt());
        this.processed.set(saved.processed());
        this.total = saved.total();
        this.status = Status.valueOf(saved.status());
        this.finishedAt = saved.finishedAt();
        this.error = saved.error();
        this.differences = saved.differences();
    }

    String id() {
        return id;
    }

    String projection() {
        return projection;
    }

    /** Whether the new generation goes live even when it differs from the old one. */
    boolean acceptsDifferences() {
        return acceptDifferences;
    }

    /** Whether the replay only compares the rebuilt view with the live one and then discards it. */
    boolean verifiesOnly() {
        return verifyOnly;
    }

    void addToTotal(long events) {
        total += events;
    }

    void processed(int events) {
        processed.addAndGet(events);
    }

    void differencesFound(List<String> found) {
        List<String> all = new ArrayList<>(differences);
        all.addAll(found);
        differences = List.copyOf(all);
    }

    void done(Instant at) {
        finishedAt = at;
        status = Status.DONE;
    }

    void failed(String why, Instant at) {
        error = why;
        finishedAt = at;
        status = Status.FAILED;
    }

    /**
     * Another instance took this replay for abandoned (it saw no sign of life from it for too long) and failed it: it
     * must stop before it switches anything.
     */
    void abandoned() {
        abandoned = true;
    }

    void ensureNotAbandoned() {
        if (abandoned) {
            throw new IllegalStateException("Replay " + id + " was failed as abandoned: no sign of life from it for too long");
        }
    }

    boolean isRunning() {
        return status == Status.RUNNING;
    }

    ReplayStatus status(Instant now) {
        long processedNow = processed.get();
        long totalNow = Math.max(total, processedNow);
        Instant end = finishedAt == null ? now : finishedAt;
        double seconds = Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
        double progress = status == Status.DONE ? 1 : totalNow == 0 ? 0 : (double) processedNow / totalNow;
        return new ReplayStatus(id, projection, verifyOnly, status.name(), processedNow, totalNow, progress,
                Math.round(processedNow / seconds), startedAt, finishedAt, error, differences);
    }
}
