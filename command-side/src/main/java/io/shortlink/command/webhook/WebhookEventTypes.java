package io.shortlink.command.webhook;

import java.util.List;

/** The event types a webhook may subscribe to, in the contract's order. */
final class WebhookEventTypes {

    /** {@code link.exhausted} is accepted already; it is delivered once links have a visit limit (LinkExhausted). */
    static final List<String> ALL = List.of("link.created", "link.changed", "link.deleted", "link.expired", "link.exhausted");

    private WebhookEventTypes() {
    }
}
