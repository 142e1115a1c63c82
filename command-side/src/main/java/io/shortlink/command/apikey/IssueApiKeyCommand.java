package io.shortlink.command.apikey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issue a key to {@code owner}. The key itself is made and shown by the caller; the aggregate sees only its hash.
 *
 * @param rateLimitPerHour link creations per hour, {@code null} for the configured default
 */
public record IssueApiKeyCommand(
        @TargetAggregateIdentifier String id,
        String owner,
        String keyHash,
        Integer rateLimitPerHour) {
}
