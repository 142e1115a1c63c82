package io.shortlink.query.replay;

import jakarta.annotation.PreDestroy;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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

/**
 * The replays of this instance: starts them (one at a time per projection), runs them in the background and keeps
 * their status. {@value #ALL} replays every registered {@link ReplayableProjection}, one after the other.
 */
@Service
public class Replays {

    static final String ALL = "all";
    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    private final Map<String, ReplayableProjection> projections = new TreeMap<>();
    private final ReplayRunner runner;
    private final ConsumerFactory<?, ?> kafka;
    private final String topic;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Replay> replays = new LinkedHashMap<>();
    private final Set<String> busyProcessors = new HashSet<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "replay");
        thread.setDaemon(true);
        return thread;
    });

    Replays(List<ReplayableProjection> projections, ReplayRunner runner, ConsumerFactory<?, ?> kafka,
            @Value("${axon.kafka.default-topic}") String topic) {
        projections.forEach(projection -> this.projections.put(projection.name(), projection));
        this.runner = runner;
        this.kafka = kafka;
        this.topic = topic;
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
    synchronized ReplayStatus start(String name, boolean acceptDifferences) {
        List<ReplayableProjection> chosen = chosen(name);
        for (ReplayableProjection projection : chosen) {
            if (busyProcessors.contains(projection.processingGroup())) {
                throw new ReplayRunningException(projection.name());
            }
        }
        Replay replay = new Replay(UUID.randomUUID().toString(), name, acceptDifferences, clock.instant());
        chosen.forEach(projection -> busyProcessors.add(projection.processingGroup()));
        replays.put(replay.id(), replay);
        executor.execute(() -> run(replay, chosen));
        return replay.status(clock.instant());
    }

    synchronized Optional<ReplayStatus> find(String id) {
        return Optional.ofNullable(replays.get(id)).map(replay -> replay.status(clock.instant()));
    }

    synchronized List<ReplayStatus> list() {
        return replays.values().stream().map(replay -> replay.status(clock.instant())).toList();
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
        try {
            replay.addToTotal(eventsInTopic() * chosen.size());
            for (ReplayableProjection projection : chosen) {
                runner.rebuild(projection, replay);
            }
            replay.done(clock.instant());
            log.info("Replay {} of {} done", replay.id(), replay.projection());
        } catch (Exception | LinkageError failure) {
            log.warn("Replay {} of {} failed", replay.id(), replay.projection(), failure);
            replay.failed(String.valueOf(failure.getMessage() == null ? failure : failure.getMessage()), clock.instant());
        } finally {
            release(chosen);
        }
    }

    private synchronized void release(Collection<ReplayableProjection> chosen) {
        chosen.forEach(projection -> busyProcessors.remove(projection.processingGroup()));
    }

    /** The events in the topic now: the sum over its partitions of end offset minus beginning offset. */
    private long eventsInTopic() {
        try (Consumer<?, ?> consumer = kafka.createConsumer(null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream()
                    .mapToLong(end -> end.getValue() - beginnings.getOrDefault(end.getKey(), 0L)).sum();
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
