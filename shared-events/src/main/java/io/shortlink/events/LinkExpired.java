package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A link reached its expiry and stopped redirecting. {@code expiredAt} is the expiry itself, not when it was noticed. */
@Revision("1")
public record LinkExpired(
        String code,
        Instant expiredAt) {
}
