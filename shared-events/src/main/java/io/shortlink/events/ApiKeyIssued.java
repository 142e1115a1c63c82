package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An API key was issued to {@code owner}. Only the key's SHA-256 hash travels: the key itself was shown once to
 * whoever asked for it and is kept nowhere.
 *
 * @param keyHash          hex SHA-256 of the key
 * @param rateLimitPerHour link creations allowed per hour, {@code null} for the configured default
 */
@Revision("1")
public record ApiKeyIssued(
        String id,
        String owner,
        String keyHash,
        Integer rateLimitPerHour,
        Instant issuedAt) {
}
