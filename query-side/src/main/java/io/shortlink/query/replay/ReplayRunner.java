package io.shortlink.query.replay;

import io.shortlink.query.kafka.KafkaEventStreams;
import io.shortlink.query.processing.Patience;
import io.shortlink.query.processing.ProcessorPauses;
import io.shortlink.query.processing.ProcessorPositions;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static io.shortlink.query.replay.ReplayFeed.covers;

/**
 * Rebuilds one projection into a new generation, without downtime, on whichever query-side instance it runs:
 * <ol>
 * <li>its own stream from the start of the topic feeds a second instance of the projection class, bound to the new
 * generation, for as long as the live processor (worked by any instance) is ahead of it: its position is read from
 * the token store, without claiming it;</li>
 * <li>then the live processor pauses on every instance ({@link ProcessorPauses}: the replay claims its token) at a
 * token T; the replay handles the events up to T and no further, so both generations stand at the same event;</li>
 * <li>the two generations are compared field by field; any difference fails the replay, unless it was started to
 * accept them (a repair of a wrong live view, or a changed projection);</li>
 * <li>the new generation goes live in one step and the live processor resumes from T, on whichever instance claims it
 * first, now writing into it.</li>
 * </ol>
 * Events arriving meanwhile wait in Kafka for the live processor; readers keep reading the live generation until the
 * switch. A failure anywhere before the switch discards the new generation and leaves the live one as it was.
 */
@Component
class ReplayRunner {

    private static final int MAX_DIFFERENCES = 20;
    private static final Duration CATCH_UP_PATIENCE = Duration.ofSeconds(60);

    private final KafkaEventStreams streams;
    private final ProcessorPositions positions;
    private final ProcessorPauses pauses;
    private final TransactionManager transactions;
    private final int batchSize;

    ReplayRunner(KafkaEventStreams streams, ProcessorPositions positions, ProcessorPauses pauses, TransactionManager transactions,
                 @Value("${shortlink.replay.batch-size}") int batchSize) {
        this.streams = streams;
        this.positions = positions;
        this.pauses = pauses;
        this.transactions = transactions;
        this.batchSize = batchSize;
    }

    /**
     * @return the new generation, live now (the caller drops the one it replaced); empty after a verification, which
     * discards it
     * @throws Exception when an event handler fails, the generations differ, or the replay cannot catch up
     */
    Optional<ProjectionGeneration> rebuild(ReplayableProjection projection, Replay replay) throws Exception {
        String processor = projection.processingGroup();
        ProjectionGeneration generation = projection.newGeneration();
        boolean switched = false;
        try (BlockingStream<TrackedEventMessage<?>> stream = streams.of(projection.topics()).openStream(null);
             ReplayFeed feed = new ReplayFeed(stream, generation.eventHandler(), replay, transactions, batchSize)) {
            followWhileRunning(feed, processor);
            generation.completeForReading();
            try (ProcessorPauses.PausedProcessor paused = pauses.pause(processor, CATCH_UP_PATIENCE)) {
                feed.catchUpTo(paused.token(), CATCH_UP_PATIENCE);
                List<String> differences = generation.differencesFromLive(MAX_DIFFERENCES);
                replay.differencesFound(differences);
                if (replay.verifiesOnly()) {
                    return Optional.empty();
                }
                if (!differences.isEmpty() && !replay.acceptsDifferences()) {
                    throw new IllegalStateException("The rebuilt " + projection.name() + " differs from the live one: "
                            + differences.get(0) + (differences.size() > 1 ? " (and more)" : ""));
                }
                replay.ensureNotAbandoned();
                paused.confirm();
                generation.makeLive();
                switched = true;
            }
        } finally {
            if (!switched) {
                generation.discard();
            }
        }
        return Optional.of(generation);
    }

    /**
     * Replays what the running live processor has handled already, until the replay is level with it. Gives up when
     * neither moves for the catch-up patience (a live processor stuck on a failing event).
     */
    private void followWhileRunning(ReplayFeed feed, String processor) throws Exception {
        TrackingToken live = positions.of(processor);
        Patience patience = new Patience(CATCH_UP_PATIENCE);
        while (true) {
            Optional<TrackingToken> next = feed.nextPosition();
            if (next.isPresent() && !covers(live, next.get())) {
                live = positions.of(processor); // it may have moved on since
            }
            if (next.isEmpty()) {
                feed.handleBatch();
                TrackingToken nowLive = positions.of(processor);
                if (covers(feed.position(), nowLive)) {
                    return;
                }
                if (!Objects.equals(nowLive, live)) {
                    live = nowLive;
                    patience.progressed();
                } else if (patience.runOut()) {
                    throw new IllegalStateException("The replay cannot get level with the live processor, which stands at "
                            + live + " while the replay has taken every event up to " + feed.position());
                }
            } else if (covers(live, next.get())) {
                feed.takeNext();
                patience.progressed();
            } else {
                feed.handleBatch();
                return;
            }
        }
    }
}
