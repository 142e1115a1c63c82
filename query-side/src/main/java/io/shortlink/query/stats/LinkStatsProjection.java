package io.shortlink.query.stats;

import io.shortlink.events.LinkClicked;
import io.shortlink.events.LinkCreated;
import io.shortlink.query.processing.BatchWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Builds the link stats in PostgreSQL from the link events and the clicks (both topics, through
 * {@link LinkStatsSourceConfiguration}). Kafka delivers at least once; the stats count exactly once because the
 * processor's unit of work is one database transaction that holds both the batch's rows and its tracking token:
 * a batch is either counted and past, or neither (see docs/adr/0042).
 * <p>
 * New links and clicks are gathered per batch and written when the batch commits, as a few bulk upserts instead of
 * one statement per event. Visitor rows are kept only for the days that can still change ({@link OpenVisitorDays}).
 */
@Component
@ProcessingGroup(LinkStatsProjection.PROCESSING_GROUP)
public class LinkStatsProjection {

    public static final String PROCESSING_GROUP = "link-stats";

    private final LinkStatsStore store;
    private final UserAgents userAgents;
    private final OpenVisitorDays openDays;

    LinkStatsProjection(LinkStatsStore store, UserAgents userAgents) {
        this.store = store;
        this.userAgents = userAgents;
        this.openDays = new OpenVisitorDays(store::latestVisitorDay);
    }

    @EventHandler
    void on(LinkCreated event) {
        currentBatch().addLink(event.code(), event.owner());
    }

    @EventHandler
    void on(LinkClicked click) {
        currentBatch().add(click, userAgents.classify(click.userAgent()), openDays);
    }

    @ResetHandler
    void reset() {
        store.deleteAll();
        openDays.forget();
    }

    private StatsBatch currentBatch() {
        return BatchWrites.current(StatsBatch.class.getName(), () -> {
            CurrentUnitOfWork.get().root().onRollback(rolledBack -> openDays.forget());
            return new StatsBatch(openDays.latest());
        }, store::write);
    }
}
