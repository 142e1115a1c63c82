package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A reservation reached its {@code reservedUntil} without a link being created under it: the alias is free again. */
@Revision("1")
public record AliasReservationLapsed(
        String alias,
        String owner,
        Instant lapsedAt) {
}
