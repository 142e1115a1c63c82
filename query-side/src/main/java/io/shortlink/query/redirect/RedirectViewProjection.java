package io.shortlink.query.redirect;

import io.shortlink.events.LinkCreated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Builds the redirect view from the link events on Kafka. Every write sets whole fields from the event alone, so
 * handling an event twice (Kafka delivers at least once) leaves the same view.
 */
@Component
@ProcessingGroup(RedirectViewProjection.PROCESSING_GROUP)
public class RedirectViewProjection {

    public static final String PROCESSING_GROUP = "redirect-view";

    private final RedirectView view;

    public RedirectViewProjection(RedirectView view) {
        this.view = view;
    }

    @EventHandler
    void on(LinkCreated event) {
        view.save(event.code(), new RedirectEntry(event.url(), RedirectEntry.LinkStatus.ACTIVE, event.redirectType(), event.expiresAt()));
    }
}
