package io.shortlink.command.link;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Create a link under {@code code}: a generated code, or the caller's alias when {@code alias} is true.
 *
 * @param owner        owner of the caller's API key, {@code null} when anonymous
 * @param redirectType 301, 302, 307 or 308; {@code null} for the default
 * @param expiresAt    {@code null} for never
 */
public record CreateLinkCommand(
        @TargetAggregateIdentifier String code,
        boolean alias,
        String url,
        String owner,
        Integer redirectType,
        Instant expiresAt) {
}
