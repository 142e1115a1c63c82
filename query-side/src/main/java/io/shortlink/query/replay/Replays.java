package io.shortlink.query.replay;

import io.shortlink.query.kafka.KafkaEventStreams;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The replays of this instance: starts them (one at a time per projection across all instances), runs them in the
 * background and keeps their status in the {@link ReplayLog}, the progress of a running one, and with it a sign of
 * life, every {@link #SAVE_EVERY}. {@value #ALL} replays every registered {@link ReplayableProjection}, one after the
 * other. A replay whose instance stopped cannot go on (its new generation was never switched to): any instance fails
 * it once it has shown no sign of life for {@code shortlink.replay.abandoned-after}.
 */
@Service
public class Replays {

    static final String ALL = "all";
    private static final Logger log = LoggerFactory.getLogger(Replays.class);
    private static final Duration SAVE_EVERY = Duration.ofSeconds(1);
    private static final int LISTED = 100;

    private final Map<String, ReplayableProjection> projections = new TreeMap<>();
    private final ReplayRunner runner;
    private final KafkaEventStreams streams;
    private final ReplayLog saved;
    private final Clock clock = Clock.systemUTC();
    private final Duration abandonedAfter;
    private final Map<String, Replay> running = new LinkedHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(daemon("replay"));
    private final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(daemon("replay-progress"));

    Replays(List<ReplayableProjection> projections, ReplayRunner runner, KafkaEventStreams streams, ReplayLog saved,
            @Value("${shortlink.replay.abandoned-after}") Duration abandonedAfter) {
        projections.forEach(projection -> this.projections.put(projection.name(), projection));
        this.runner = runner;
        this.streams = streams;
        this.saved = saved;
        this.abandonedAfter = abandonedAfter;
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @PostConstruct
    void followProgress() {
        progress.scheduleWithFixedDelay(this::saveRunningAndFailAbandoned, 0, SAVE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The names a replay may be started for: every projection, and {@value #ALL}. */
    Set<String> names() {
        Set<String> names = new TreeSet<>(projections.keySet());
        names.add(ALL);
        return names;
    }

    /**
     * @throws UnknownProjectionException when there is no such projection
     * @throws ReplayRunningException     when one of the projections is being replayed already
     */
    synchronized ReplayStatus start(String name, boolean acceptDifferences, boolean verifyOnly) {
        List<ReplayableProjection> chosen = chosen(name);
        Set<String> processingGroups = new TreeSet<>();
        chosen.forEach(projection -> processingGroups.add(projection.processingGroup()));
        Replay replay = new Replay(UUID.randomUUID().toString(), name, acceptDifferences, verifyOnly, clock.instant());
        Set<String> busy = saved.saveUnlessBusy(replay, processingGroups, clock.instant(), abandonedAfter);
        if (!busy.isEmpty()) {
            throw new ReplayRunningException(chosen.stream().filter(projection -> busy.contains(projection.processingGroup()))
                    .findFirst().orElseThrow().name());
        }
        running.put(replay.id(), replay);
        executor.execute(() -> run(replay, chosen));
        return replay.status(clock.instant());
    }

    Optional<ReplayStatus> find(String id) {
        Optional<Replay> replay = runningOne(id).or(() -> saved.find(id));
        return replay.map(found -> found.status(clock.instant()));
    }

    /** The latest replays, newest first. */
    List<ReplayStatus> list() {
        Instant now = clock.instant();
        return saved.latest(LISTED).stream().map(replay -> runningOne(replay.id()).orElse(replay).status(now)).toList();
    }

    private synchronized Optional<Replay> runningOne(String id) {
        return Optional.ofNullable(running.get(id));
    }

    private void saveRunningAndFailAbandoned() {
        List<Replay> replays;
        synchronized (this) {
            replays = List.copyOf(running.values());
        }
        for (Replay replay : replays) {
            if (!save(replay) && replay.isRunning()) {
                log.warn("Replay {} of {} was failed as abandoned by another instance; it stops", replay.id(), replay.projection());
                replay.abandoned();
            }
        }
        try {
            int abandoned = saved.failAbandoned(abandonedAfter);
            if (abandoned > 0) {
                log.warn("{} replays showed no sign of life for {} and are failed now", abandoned, abandonedAfter);
            }
        } catch (DataAccessException unavailable) {
            log.warn("Could not fail the abandoned replays", unavailable);
        }
    }

    /** @return whether it was saved, or could not be (answers {@code true} then): {@code false} once its saved status ended */
    private boolean save(Replay replay) {
        try {
            return saved.save(replay, clock.instant());
        } catch (DataAccessException unavailable) {
            log.warn("Could not save the status of replay {}", replay.id(), unavailable);
            return true;
        }
    }

    private List<ReplayableProjection> chosen(String name) {
        if (ALL.equals(name)) {
            return new ArrayList<>(projections.values());
        }
        ReplayableProjection projection = name == null ? null : projections.get(name);
        if (projection == null) {
            throw new UnknownProjectionException(name, names());
        }
        return List.of(projection);
    }

    private void run(Replay replay, List<ReplayableProjection> chosen) {
        List<ProjectionGeneration> rebuilt = new ArrayList<>();
        try {
            for (ReplayableProjection projection : chosen) {
                replay.addToTotal(streams.eventsIn(projection.topics()));
            }
            for (ReplayableProjection projection : chosen) {
                runner.rebuild(projection, replay).ifPresent(rebuilt::add);
            }
            replay.done(clock.instant());
            log.info("Replay {} of {} done", replay.id(), replay.projection());
        } catch (Exception | LinkageError failure) {
            log.warn("Replay {} of {} failed", replay.id(), replay.projection(), failure);
            replay.failed(String.valueOf(failure.getMessage() == null ? failure : failure.getMessage()), clock.instant());
        } finally {
            save(replay);
            release(replay);
        }
        rebuilt.forEach(this::dropReplaced);
    }

    /**
     * After the replay: a replaced generation may wait for the readers that still use it. (A next replay of the same
     * projection may start meanwhile; it builds and replaces other storage than the one dropped here.)
     */
    private void dropReplaced(ProjectionGeneration generation) {
        try {
            generation.dropReplaced();
        } catch (RuntimeException notDropped) {
            log.warn("A replaced generation could not be dropped", notDropped);
        }
    }

    private synchronized void release(Replay replay) {
        running.remove(replay.id());
    }

    @PreDestroy
    void stop() {
        progress.shutdownNow();
        executor.shutdownNow();
    }
}
