package io.shortlink.command.alias;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Reserve {@code alias} for {@code owner} until {@code reservedUntil}, or move the owner's reservation to it. */
public record ReserveAliasCommand(
        @TargetAggregateIdentifier String alias,
        String owner,
        Instant reservedUntil) {
}
