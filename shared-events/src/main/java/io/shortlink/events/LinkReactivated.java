package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An expired link got a new expiry in the future (or none), or an exhausted one a visit limit above its visits (or
 * none), and redirects again. Follows the {@link LinkChanged} that did it.
 */
@Revision("1")
public record LinkReactivated(
        String code,
        Instant reactivatedAt) {
}
