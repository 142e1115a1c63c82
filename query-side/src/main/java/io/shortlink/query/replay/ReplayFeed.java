package io.shortlink.query.replay;

import io.shortlink.query.processing.BatchWrites;
import io.shortlink.query.processing.Patience;
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
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A replay's own stream and where it stands. Events are handled in batches, each in one unit of work like the live
 * processor's, so a projection in PostgreSQL gathers a batch's writes for a few bulk statements. The replay makes those
 * writes itself, in one transaction per batch on a writer thread, while it takes and handles the next batch: the
 * database and the handlers work at the same time. The batches are written one after the other, in order; a failed
 * write fails the replay at the next batch or at the end.
 */
final class ReplayFeed implements AutoCloseable {

    private static final long POLL_MILLIS = 200;
    private static final Duration WRITE_PATIENCE = Duration.ofSeconds(60);

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

    ReplayFeed(BlockingStream<TrackedEventMessage<?>> stream, Object eventHandler, Replay replay, TransactionManager transactions,
               int batchSize) {
        this.stream = stream;
        this.handler = new AnnotationEventHandlerAdapter(eventHandler);
        this.replay = replay;
        this.transactions = transactions;
        this.batchSize = batchSize;
        this.batch = new ArrayList<>(batchSize);
    }

    TrackingToken position() {
        return position;
    }

    /** The position the stream's next event would move the feed to; empty when none arrives within a short poll. */
    Optional<TrackingToken> nextPosition() throws InterruptedException {
        return stream.hasNextAvailable((int) POLL_MILLIS, TimeUnit.MILLISECONDS)
                ? Optional.of(stream.peek().orElseThrow().trackingToken()) : Optional.empty();
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
     * Handles the events taken so far and hands their writes to the writer, once it has written the batch before; a
     * failing handler or write fails the replay.
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
     * Takes and handles the events up to {@code token}, which the stream must reach within {@code patience}. Over
     * several partitions the stream can pass the token in one partition before it reaches it in another: the events
     * past it are not handled but left to the live processor, which resumes from the token.
     */
    void catchUpTo(TrackingToken token, Duration patience) throws Exception {
        Patience waiting = new Patience(patience);
        while (!covers(position, token)) {
            if (stream.hasNextAvailable((int) POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                if (isUpTo(token, position, message.trackingToken())) {
                    take(message);
                } else {
                    position = message.trackingToken();
                }
            } else if (waiting.runOut()) {
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

    /**
     * {@code true} when the event that moved a stream from {@code position} to {@code next} lies within
     * {@code token}. A token of a stream is its position after the event, which moves past the one before only in
     * the event's own partition: there, and only there, the bound compares the event with the token.
     */
    static boolean isUpTo(TrackingToken token, TrackingToken position, TrackingToken next) {
        return (position == null ? token : token.upperBound(position)).covers(next);
    }

    /** {@code true} when {@code ahead} has seen everything {@code behind} has; nothing is covered by nothing. */
    static boolean covers(TrackingToken ahead, TrackingToken behind) {
        if (behind == null) {
            return true;
        }
        return ahead != null && ahead.covers(behind);
    }

    /** Lets a write in progress end (a failed replay discards its generation next), then stops the writer. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(WRITE_PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }
}
