package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An alias was set aside for {@code owner} until {@code reservedUntil}: nobody else may create a link under it, and
 * it does not redirect. Reserving it again (the same owner) moves {@code reservedUntil}.
 */
@Revision("1")
public record AliasReserved(
        String alias,
        String owner,
        Instant reservedUntil,
        Instant reservedAt) {
}
