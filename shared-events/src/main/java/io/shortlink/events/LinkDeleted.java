package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A link was deleted for good: it answers {@code 410} from now on, and its code is never given out again. */
@Revision("1")
public record LinkDeleted(
        String code,
        Instant deletedAt) {
}
