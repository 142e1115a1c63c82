package io.shortlink.query.replay;

import io.shortlink.query.kafka.KafkaEventStreams;
import io.shortlink.query.processing.BatchWrites;
import io.shortlink.query.processing.ProcessorPauses;
import io.shortlink.query.processing.ProcessorPositions;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
    private static final long POLL_MILLIS = 200;
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
             Feed feed = new Feed(stream, new AnnotationEventHandlerAdapter(generation.eventHandler()), replay, transactions, batchSize)) {
            followWhileRunning(feed, processor);
            try (ProcessorPauses.PausedProcessor paused = pauses.pause(processor, CATCH_UP_PATIENCE)) {
                feed.catchUpTo(paused.token());
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
    private void followWhileRunning(Feed feed, String processor) throws Exception {
        TrackingToken liveToken = positions.of(processor);
        Instant deadline = Instant.now().plus(CATCH_UP_PATIENCE);
        while (true) {
            if (!feed.stream.hasNextAvailable((int) POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                feed.handleBatch();
                TrackingToken nowLive = positions.of(processor);
                if (covers(feed.position, nowLive)) {
                    return;
                }
                if (!Objects.equals(nowLive, liveToken)) {
                    liveToken = nowLive;
                    deadline = Instant.now().plus(CATCH_UP_PATIENCE);
                } else if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The replay cannot get level with the live processor, which stands at "
                            + liveToken + " while the replay has taken every event up to " + feed.position);
                }
                continue;
            }
            TrackingToken next = feed.stream.peek().orElseThrow().trackingToken();
            if (!covers(liveToken, next)) {
                liveToken = positions.of(processor);
                if (!covers(liveToken, next)) {
                    feed.handleBatch();
                    return;
                }
            }
            feed.takeNext();
            deadline = Instant.now().plus(CATCH_UP_PATIENCE);
        }
    }

    /**
     * {@code true} when the event that moved a stream from {@code position} to {@code next} lies within
     * {@code token}. A token of a stream is its position after the event, which moves past the one before only in
     * the event's own partition: there, and only there, the bound compares the event with the token.
     */
    static boolean isUpTo(TrackingToken token, TrackingToken position, TrackingToken next) {
        return (position == null ? token : token.upperBound(position)).covers(next);
    }

    /** {@code true} when {@code ahead} has seen everything {@code behind} has; nothing is covered by nothing. */
    private static boolean covers(TrackingToken ahead, TrackingToken behind) {
        if (behind == null) {
            return true;
        }
        return ahead != null && ahead.covers(behind);
    }

    /**
     * The replay's own stream and where it stands. Events are handled in batches, each in one unit of work like the
     * live processor's, so a projection in PostgreSQL gathers a batch's writes for a few bulk statements. The replay
     * makes those writes itself, in one transaction per batch on a writer thread, while it takes and handles the next
     * batch: the database and the handlers work at the same time. The batches are written one after the other, in
     * order; a failed write fails the replay at the next batch or at the end.
     */
    private static final class Feed implements AutoCloseable {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final AnnotationEventHandlerAdapter handler;
        private final Replay replay;
        private final TransactionManager transactions;
        private final int batchSize;
        private final List<TrackedEventMessage<?>> batch;
        private final ExecutorService writer = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("replay-writer-"));
        private Future<?> writing = CompletableFuture.completedFuture(null);
        /** The stream's position after the last event taken from it, handled or left to the live processor. */
        private TrackingToken position;

        Feed(BlockingStream<TrackedEventMessage<?>> stream, AnnotationEventHandlerAdapter handler, Replay replay,
             TransactionManager transactions, int batchSize) {
            this.stream = stream;
            this.handler = handler;
            this.replay = replay;
            this.transactions = transactions;
            this.batchSize = batchSize;
            this.batch = new ArrayList<>(batchSize);
        }

        /** Takes the next event of the stream into the batch; a full batch is handled at once. */
        void takeNext() throws Exception {
            take(stream.nextAvailable());
        }

        private void take(TrackedEventMessage<?> message) throws Exception {
            batch.add(message);
            position = message.trackingToken();
            if (batch.size() >= batchSize) {
                handleBatch();
            }
        }

        /**
         * Handles the events taken so far and hands their writes to the writer, once it has written the batch
         * before; a failing handler or write fails the replay.
         */
        void handleBatch() throws Exception {
            replay.ensureNotAbandoned();
            if (batch.isEmpty()) {
                return;
            }
            BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.copyOf(batch));
            List<Runnable> writes = BatchWrites.takenFrom(unitOfWork);
            ResultMessage<?> result = unitOfWork.executeWithResult(
                    () -> handler.handle((EventMessage<?>) CurrentUnitOfWork.get().getMessage()),
                    RollbackConfigurationType.ANY_THROWABLE);
            if (result.isExceptional()) {
                throw result.exceptionResult() instanceof Exception failure ? failure : new IllegalStateException(result.exceptionResult());
            }
            int events = batch.size();
            batch.clear();
            awaitWritten();
            writing = writer.submit(() -> {
                if (!writes.isEmpty()) {
                    transactions.executeInTransaction(() -> writes.forEach(Runnable::run));
                }
                replay.processed(events);
            });
        }

        /**
         * Takes and handles the events up to {@code token}, which the stream must reach within the patience. Over
         * several partitions the stream can pass the token in one partition before it reaches it in another: the
         * events past it are not handled but left to the live processor, which resumes from the token.
         */
        void catchUpTo(TrackingToken token) throws Exception {
            Instant deadline = Instant.now().plus(CATCH_UP_PATIENCE);
            while (!covers(position, token)) {
                if (stream.hasNextAvailable((int) POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    TrackedEventMessage<?> message = stream.nextAvailable();
                    if (isUpTo(token, position, message.trackingToken())) {
                        take(message);
                    } else {
                        position = message.trackingToken();
                    }
                } else if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The replay did not reach the live processor's position " + token);
                }
            }
            handleBatch();
            awaitWritten();
        }

        private void awaitWritten() throws Exception {
            try {
                writing.get();
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof Exception failure ? failure : failed;
            }
        }

        /** Lets a write in progress end (a failed replay discards its generation next), then stops the writer. */
        @Override
        public void close() {
            writer.shutdown();
            try {
                writer.awaitTermination(CATCH_UP_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
