package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A link's target, expiry or redirect type changed. It carries all three as they are now, changed or not, so that
 * a projection handling it twice ends up the same. The link's status changes only through its own events.
 *
 * @param expiresAt {@code null} for never
 */
@Revision("1")
public record LinkChanged(
        String code,
        String url,
        Instant expiresAt,
        int redirectType,
        Instant changedAt) {
}
