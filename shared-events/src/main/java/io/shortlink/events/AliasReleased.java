package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The owner gave a reserved alias up before using it: the alias is free again. */
@Revision("1")
public record AliasReleased(
        String alias,
        String owner,
        Instant releasedAt) {
}
