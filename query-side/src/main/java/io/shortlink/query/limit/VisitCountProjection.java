package io.shortlink.query.limit;

import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkClicked;
import io.shortlink.events.LinkCreated;
import io.shortlink.query.processing.BatchWrites;
import io.shortlink.query.stats.UserAgents;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The read side's half of visit limits (docs/adr/0024): counts the human {@code GET} redirects of the links that have a
 * {@code maxVisits}, from the clicks and the link events (one stream, in the order of each code's partition), and
 * reports a link whose count reached its limit to the command side ({@link VisitLimitReports}), once per limit.
 * Bots are told apart by the same {@link UserAgents} as the stats, so the count is the links' {@code totalClicks}.
 * The counts and the processor's token commit in one transaction, so a click counts once.
 */
@Component
@ProcessingGroup(VisitCountProjection.PROCESSING_GROUP)
public class VisitCountProjection {

    public static final String PROCESSING_GROUP = "visit-counts";

    private final VisitCounts counts;
    private final UserAgents userAgents;

    VisitCountProjection(VisitCounts counts, UserAgents userAgents) {
        this.counts = counts;
        this.userAgents = userAgents;
    }

    @EventHandler
    void on(LinkCreated event) {
        batch().created(event.code(), event.maxVisits());
    }

    @EventHandler
    void on(LinkChanged event) {
        batch().limit(event.code(), event.maxVisits());
    }

    @EventHandler
    void on(LinkClicked click) {
        if (!userAgents.classify(click.userAgent()).bot()) {
            batch().visit(click.code());
        }
    }

    private VisitCounts.Batch batch() {
        return BatchWrites.current(VisitCounts.Batch.class.getName(), VisitCounts.Batch::new, counts::write);
    }
}
