package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * An owner subscribed {@code url} to changes of its links. The webhook's signing secret does not travel: both sides
 * derive it from the webhook id and a configured secret.
 *
 * @param events the event types delivered, e.g. {@code link.created}
 */
@Revision("1")
public record WebhookSubscribed(
        String id,
        String owner,
        String url,
        List<String> events,
        Instant subscribedAt) {
}
