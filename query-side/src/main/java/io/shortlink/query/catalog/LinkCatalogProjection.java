package io.shortlink.query.catalog;

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
 * Builds the link catalog (every link's current state, for the metadata and list reads) from the link events on
 * Kafka. Each event sets whole fields, so handling it twice leaves the same row. Reservations are not links.
 */
@Component
@ProcessingGroup(LinkCatalogProjection.PROCESSING_GROUP)
public class LinkCatalogProjection {

    public static final String PROCESSING_GROUP = "link-catalog";

    private final LinkCatalog catalog;

    LinkCatalogProjection(LinkCatalog catalog) {
        this.catalog = catalog;
    }

    @EventHandler
    void on(LinkCreated event) {
        catalog.add(new CatalogEntry(event.code(), event.url(), event.owner(), event.createdAt(), event.expiresAt(),
                event.redirectType(), LinkStatus.ACTIVE, event.maxVisits(), event.forwardQuery(), event.tags(), event.title()));
    }

    @EventHandler
    void on(LinkChanged event) {
        catalog.changeSettings(event);
    }

    @EventHandler
    void on(LinkExpired event) {
        catalog.changeStatus(event.code(), LinkStatus.EXPIRED);
    }

    @EventHandler
    void on(LinkExhausted event) {
        catalog.changeStatus(event.code(), LinkStatus.EXHAUSTED);
    }

    @EventHandler
    void on(LinkReactivated event) {
        catalog.changeStatus(event.code(), LinkStatus.ACTIVE);
    }

    @EventHandler
    void on(LinkDeleted event) {
        catalog.changeStatus(event.code(), LinkStatus.DELETED);
    }
}
