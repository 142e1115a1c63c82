package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A webhook was deleted: nothing more is delivered to it, deliveries under way included. */
@Revision("1")
public record WebhookUnsubscribed(
        String id,
        Instant unsubscribedAt) {
}
