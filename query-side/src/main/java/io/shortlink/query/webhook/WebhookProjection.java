package io.shortlink.query.webhook;

import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkCreated;
import io.shortlink.events.LinkDeleted;
import io.shortlink.events.LinkExhausted;
import io.shortlink.events.LinkExpired;
import io.shortlink.events.LinkReactivated;
import io.shortlink.events.LinkStatus;
import io.shortlink.events.WebhookSubscribed;
import io.shortlink.events.WebhookUnsubscribed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The webhooks' side of the link events on Kafka: learns the subscriptions, keeps each owned link as deliveries show
 * it, and turns every change of a link into one pending delivery per webhook of its owner that asked for that event.
 * Nothing is sent here: the {@link WebhookSender} does that, off this processor's thread, so that a slow receiver
 * never holds up the stream. Not a replayable projection: a replay would send every change again.
 */
@Component
@ProcessingGroup(WebhookProjection.PROCESSING_GROUP)
class WebhookProjection {

    static final String PROCESSING_GROUP = "webhooks";

    private final WebhookStore store;

    WebhookProjection(WebhookStore store) {
        this.store = store;
    }

    @EventHandler
    void on(WebhookSubscribed event) {
        store.subscribe(event.id(), event.owner(), event.url(), event.events(), event.subscribedAt());
    }

    @EventHandler
    void on(WebhookUnsubscribed event) {
        store.unsubscribe(event.id(), event.unsubscribedAt());
    }

    /** An imported link's createdAt is its original time; the delivery is as of the event (docs/adr/0073). */
    @EventHandler
    void on(LinkCreated event, @MessageIdentifier String eventId, @Timestamp Instant storedAt) {
        if (event.owner() != null) {
            WebhookLink link = new WebhookLink(event.code(), event.owner(), event.url(), event.createdAt(), event.expiresAt(),
                    event.redirectType(), LinkStatus.ACTIVE);
            store.saveLink(link);
            store.enqueue(link, "link.created", storedAt, eventId);
        }
    }

    @EventHandler
    void on(LinkChanged event, @MessageIdentifier String eventId) {
        if (store.changeTarget(event.code(), event.url(), event.expiresAt(), event.redirectType())) {
            store.enqueue(event.code(), "link.changed", event.changedAt(), eventId);
        }
    }

    @EventHandler
    void on(LinkReactivated event) {
        store.changeStatus(event.code(), LinkStatus.ACTIVE);
    }

    @EventHandler
    void on(LinkExpired event, @MessageIdentifier String eventId) {
        if (store.changeStatus(event.code(), LinkStatus.EXPIRED)) {
            store.enqueue(event.code(), "link.expired", event.expiredAt(), eventId);
        }
    }

    @EventHandler
    void on(LinkExhausted event, @MessageIdentifier String eventId) {
        if (store.changeStatus(event.code(), LinkStatus.EXHAUSTED)) {
            store.enqueue(event.code(), "link.exhausted", event.exhaustedAt(), eventId);
        }
    }

    @EventHandler
    void on(LinkDeleted event, @MessageIdentifier String eventId) {
        if (store.changeStatus(event.code(), LinkStatus.DELETED)) {
            store.enqueue(event.code(), "link.deleted", event.deletedAt(), eventId);
        }
    }
}
