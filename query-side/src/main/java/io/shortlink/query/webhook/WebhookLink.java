package io.shortlink.query.webhook;

import java.time.Instant;

/** An owned link as a delivery's {@code data} shows it. */
record WebhookLink(String code, String owner, String url, Instant createdAt, Instant expiresAt, int redirectType,
                   String status) {

    static final String ACTIVE = "ACTIVE";
    static final String EXPIRED = "EXPIRED";
    static final String DELETED = "DELETED";
    static final String EXHAUSTED = "EXHAUSTED";
}
