package io.shortlink.query.replay;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds one projection into a new generation, without downtime:
 * <ol>
 * <li>its own stream from the start of the topic feeds a second instance of the projection class, bound to the new
 * generation, for as long as the live processor is ahead;</li>
 * <li>then the live processor pauses at a token T; the replay handles the events up to T and no further, so both
 * generations stand at the same event;</li>
 * <li>the two generations are compared field by field; any difference fails the replay, unless it was started to
 * accept them (a repair of a wrong live view, or a changed projection);</li>
 * <li>the new generation goes live in one step, the live processor resumes from T (now writing into it), and the
 * replaced generation is dropped.</li>
 * </ol>
 * Events arriving meanwhile wait in Kafka for the live processor; readers keep reading the live generation until the
 * switch. A failure anywhere before the switch discards the new generation and leaves the live one as it was.
 */
@Component
class ReplayRunner {

    private static final Logger log = LoggerFactory.getLogger(ReplayRunner.class);
    private static final int SEGMENT = 0;
    private static final int MAX_DIFFERENCES = 20;
    private static final long POLL_MILLIS = 200;
    private static final Duration CATCH_UP_PATIENCE = Duration.ofSeconds(60);

    private final StreamableKafkaMessageSource<?, ?> source;
    private final EventProcessingConfiguration processing;
    private final TransactionManager transactions;

    ReplayRunner(@Qualifier("streamableKafkaMessageSource") StreamableKafkaMessageSource<?, ?> source,
                 EventProcessingConfiguration processing, TransactionManager transactions) {
        this.source = source;
        this.processing = processing;
        this.transactions = transactions;
    }

    /** @throws Exception when an event handler fails, the generations differ, or the replay cannot catch up */
    void rebuild(ReplayableProjection projection, Replay replay) throws Exception {
        TrackingEventProcessor live = processing.eventProcessor(projection.processingGroup(), TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No tracking processor " + projection.processingGroup()));
        ProjectionGeneration generation = projection.newGeneration();
        boolean switched = false;
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
             Feed feed = new Feed(stream, new AnnotationEventHandlerAdapter(generation.eventHandler()), replay, transactions)) {
            followWhileRunning(feed, live);
            feed.commit();
            live.shutDown();
            try {
                TrackingToken pausedAt = storedToken(projection.processingGroup());
                feed.catchUpTo(pausedAt);
                feed.commit();
                List<String> differences = generation.differencesFromLive(MAX_DIFFERENCES);
                replay.differencesFound(differences);
                if (!differences.isEmpty() && !replay.acceptsDifferences()) {
                    throw new IllegalStateException("The rebuilt " + projection.name() + " differs from the live one: "
                            + differences.get(0) + (differences.size() > 1 ? " (and more)" : ""));
                }
                generation.makeLive();
                switched = true;
            } finally {
                live.start();
            }
        } finally {
            if (!switched) {
                generation.discard();
            }
        }
        try {
            generation.dropReplaced();
        } catch (RuntimeException notDropped) {
            log.warn("The replaced generation of {} could not be dropped", projection.name(), notDropped);
        }
    }

    /** Replays what the running live processor has handled already, until the replay is level with it. */
    private static void followWhileRunning(Feed feed, TrackingEventProcessor live) throws Exception {
        TrackingToken liveToken = runningToken(live);
        while (true) {
            if (!feed.stream.hasNextAvailable((int) POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                feed.commit();
                liveToken = runningToken(live);
                if (covers(feed.replayed, liveToken)) {
                    return;
                }
                continue;
            }
            TrackingToken next = feed.stream.peek().orElseThrow().trackingToken();
            if (!covers(liveToken, next)) {
                liveToken = runningToken(live);
                if (!covers(liveToken, next)) {
                    return;
                }
            }
            feed.handleNext();
        }
    }

    private static TrackingToken runningToken(TrackingEventProcessor live) {
        EventTrackerStatus status = live.processingStatus().get(SEGMENT);
        return status == null ? null : WrappedToken.unwrapUpperBound(status.getTrackingToken());
    }

    private TrackingToken storedToken(String processorName) {
        TokenStore tokens = processing.tokenStore(processorName);
        return transactions.fetchInTransaction(() -> {
            TrackingToken token = tokens.fetchToken(processorName, SEGMENT);
            tokens.releaseClaim(processorName, SEGMENT);
            return WrappedToken.unwrapUpperBound(token);
        });
    }

    /** {@code true} when {@code ahead} has seen everything {@code behind} has; nothing is covered by nothing. */
    private static boolean covers(TrackingToken ahead, TrackingToken behind) {
        if (behind == null) {
            return true;
        }
        return ahead != null && ahead.covers(behind);
    }

    /**
     * The replay's own stream and where it stands. Events are handled in transactions of up to {@value #BATCH}, so
     * that a projection in PostgreSQL does not commit every row on its own.
     */
    private static final class Feed implements AutoCloseable {

        private static final int BATCH = 1000;

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final AnnotationEventHandlerAdapter handler;
        private final Replay replay;
        private final TransactionManager transactions;
        private TrackingToken replayed;
        private Transaction batch;
        private int inBatch;

        Feed(BlockingStream<TrackedEventMessage<?>> stream, AnnotationEventHandlerAdapter handler, Replay replay,
             TransactionManager transactions) {
            this.stream = stream;
            this.handler = handler;
            this.replay = replay;
            this.transactions = transactions;
        }

        void handleNext() throws Exception {
            if (batch == null) {
                batch = transactions.startTransaction();
            }
            TrackedEventMessage<?> message = stream.nextAvailable();
            handler.handle(message);
            replayed = message.trackingToken();
            replay.processedOne();
            if (++inBatch >= BATCH) {
                commit();
            }
        }

        void commit() {
            if (batch != null) {
                Transaction done = batch;
                batch = null;
                inBatch = 0;
                done.commit();
            }
        }

        /** Rolls back what a failed replay left uncommitted. */
        @Override
        public void close() {
            if (batch != null) {
                batch.rollback();
                batch = null;
            }
        }

        /** Handles the events up to {@code token}, which the stream must reach within the patience. */
        void catchUpTo(TrackingToken token) throws Exception {
            Instant deadline = Instant.now().plus(CATCH_UP_PATIENCE);
            while (!covers(replayed, token)) {
                if (stream.hasNextAvailable((int) POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    handleNext();
                } else if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The replay did not reach the live processor's position " + token);
                }
            }
        }
    }
}
