package io.shortlink.query.processing;

import io.shortlink.edge.processing.ClaimingTokenStores;
import jakarta.annotation.PreDestroy;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pauses a live processor on every instance at once, with its token claim as the lock: every instance is asked to let
 * go of the processor's segment ({@link SegmentReleases}), and the pause claims the token itself, under a node id of
 * its own (the instance's processor would otherwise count the claim as its own and resume). The pause keeps the claim
 * extended until it is closed, then releases it and lets the instances claim again. If this instance dies meanwhile,
 * its claim times out and the others resume by themselves.
 */
@Component
public class ProcessorPauses {

    private static final Logger log = LoggerFactory.getLogger(ProcessorPauses.class);
    private static final long POLL_MILLIS = 50;

    private final SegmentReleases releases;
    private final TransactionManager transactions;
    private final JpaTokenStore claims;
    private final Duration claimTimeout;
    private final ScheduledExecutorService extender = Executors.newSingleThreadScheduledExecutor(pauseThreads());

    ProcessorPauses(SegmentReleases releases, TransactionManager transactions, EntityManagerProvider entityManagers,
                    Serializer serializer, @Value("${spring.application.name}") String application,
                    @Value("${shortlink.processing.claim-timeout}") Duration claimTimeout) {
        this.releases = releases;
        this.transactions = transactions;
        this.claimTimeout = claimTimeout;
        this.claims = JpaTokenStore.builder()
                .entityManagerProvider(entityManagers)
                .serializer(serializer)
                .nodeId(ClaimingTokenStores.nodeId(application) + "-pause")
                .claimTimeout(claimTimeout)
                .build();
    }

    private static CustomizableThreadFactory pauseThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("processor-pause-");
        threads.setDaemon(true);
        return threads;
    }

    /**
     * Pauses {@code processor} on every instance and answers once this pause holds its claim: when the owner has let
     * go of it, or its claim has timed out (a dead owner).
     *
     * @throws IllegalStateException when the claim is not to be had within {@code patience}
     */
    public PausedProcessor pause(String processor, Duration patience) throws InterruptedException {
        Patience waiting = new Patience(patience);
        Instant askAgain = Instant.MIN;
        while (true) {
            if (!Instant.now().isBefore(askAgain)) {
                // asked again while the claim is not ours: a request can be lost, or an owner can claim once more
                releases.announce(new SegmentRelease(processor, claimTimeout));
                askAgain = Instant.now().plus(claimTimeout.dividedBy(2));
            }
            try {
                TrackingToken token = transactions.fetchInTransaction(() -> claims.fetchToken(processor, SegmentReleases.SEGMENT));
                return new PausedProcessor(processor, WrappedToken.unwrapUpperBound(token));
            } catch (UnableToClaimTokenException owned) {
                if (waiting.runOut()) {
                    resume(processor);
                    throw new IllegalStateException("Could not pause the processor " + processor + " within " + patience
                            + ": " + owned.getMessage(), owned);
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    private void resume(String processor) {
        releases.announce(new SegmentRelease(processor, Duration.ZERO));
    }

    /** A processor paused on every instance; closing it resumes it (on whichever instance claims it first). */
    public final class PausedProcessor implements AutoCloseable {

        private final String processor;
        private final TrackingToken token;
        private final ScheduledFuture<?> extending;

        private PausedProcessor(String processor, TrackingToken token) {
            this.processor = processor;
            this.token = token;
            long every = claimTimeout.dividedBy(5).toMillis();
            this.extending = extender.scheduleWithFixedDelay(this::extendQuietly, every, every, TimeUnit.MILLISECONDS);
        }

        /** Where the processor stopped: the token it resumes from. */
        public TrackingToken token() {
            return token;
        }

        /**
         * Makes sure the pause still holds the claim, and for another claim timeout: what is done next (a switch)
         * relies on no instance working the processor.
         *
         * @throws IllegalStateException when the claim was lost (not extended for the claim timeout, and taken over)
         */
        public void confirm() {
            try {
                extend();
            } catch (UnableToClaimTokenException lost) {
                throw new IllegalStateException("The pause of " + processor + " lost its claim: another instance may have"
                        + " worked the processor meanwhile", lost);
            }
        }

        private void extend() {
            transactions.executeInTransaction(() -> claims.extendClaim(processor, SegmentReleases.SEGMENT));
        }

        private void extendQuietly() {
            try {
                extend();
            } catch (RuntimeException failed) {
                log.warn("Could not extend the claim of the pause of {}", processor, failed);
            }
        }

        @Override
        public void close() {
            extending.cancel(false);
            try {
                transactions.executeInTransaction(() -> claims.releaseClaim(processor, SegmentReleases.SEGMENT));
            } catch (RuntimeException notReleased) {
                log.warn("Could not release the claim of the pause of {}; it times out by itself", processor, notReleased);
            }
            resume(processor);
        }
    }

    @PreDestroy
    void stop() {
        extender.shutdownNow();
    }
}
