package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A link reached its {@code maxVisits}: it answers {@code 410} until its limit is raised above {@code visits} or
 * removed ({@link LinkChanged} then {@link LinkReactivated}). {@code visits} is the count the read side reported.
 */
@Revision("1")
public record LinkExhausted(
        String code,
        long visits,
        Instant exhaustedAt) {
}
