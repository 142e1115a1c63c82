package io.shortlink.query.redirect;

import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkCreated;
import io.shortlink.events.LinkDeleted;
import io.shortlink.events.LinkExhausted;
import io.shortlink.events.LinkExpired;
import io.shortlink.events.LinkReactivated;
import io.shortlink.events.LinkStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Builds the redirect view from the link events on Kafka. Every write sets whole fields from the event alone, so
 * handling an event twice (Kafka delivers at least once) leaves the same view. Reservations are not links: a
 * reserved alias has no entry, so it answers {@code 404}.
 */
@Component
@ProcessingGroup(RedirectViewProjection.PROCESSING_GROUP)
public class RedirectViewProjection {

    public static final String PROCESSING_GROUP = "redirect-view";

    private final RedirectWrites view;

    RedirectViewProjection(RedirectWrites view) {
        this.view = view;
    }

    @EventHandler
    void on(LinkCreated event) {
        view.save(event.code(), new RedirectEntry(event.url(), LinkStatus.ACTIVE, event.redirectType(),
                event.expiresAt(), event.forwardQuery(), event.maxVisits() != null));
    }

    @EventHandler
    void on(LinkChanged event) {
        view.saveTarget(event.code(), event.url(), event.redirectType(), event.expiresAt(), event.forwardQuery(),
                event.maxVisits() != null);
    }

    @EventHandler
    void on(LinkExpired event) {
        view.saveStatus(event.code(), LinkStatus.EXPIRED);
    }

    @EventHandler
    void on(LinkExhausted event) {
        view.saveStatus(event.code(), LinkStatus.EXHAUSTED);
    }

    @EventHandler
    void on(LinkReactivated event) {
        view.saveStatus(event.code(), LinkStatus.ACTIVE);
    }

    @EventHandler
    void on(LinkDeleted event) {
        view.saveStatus(event.code(), LinkStatus.DELETED);
    }
}
