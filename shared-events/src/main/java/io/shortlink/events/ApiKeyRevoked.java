package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The API key {@code id} was revoked: from now on it authenticates nobody. */
@Revision("1")
public record ApiKeyRevoked(
        String id,
        Instant revokedAt) {
}
