package io.shortlink.query.webhook;

import io.shortlink.events.LinkStatus;

import java.time.Instant;

/** An owned link as a delivery's {@code data} shows it. */
record WebhookLink(String code, String owner, String url, Instant createdAt, Instant expiresAt, int redirectType,
                   LinkStatus status) {
}
