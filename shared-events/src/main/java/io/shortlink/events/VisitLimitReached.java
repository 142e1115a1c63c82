package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The read side counted {@code visits} human {@code GET} redirects of a link with a visit limit of {@code maxVisits}
 * or fewer. Like {@link LinkClicked} it is the read side's, not part of a link's history: it travels on a Kafka topic
 * of its own to the command side, which exhausts the link ({@link LinkExhausted}) if the limit still holds.
 */
@Revision("1")
public record VisitLimitReached(
        String code,
        long visits,
        int maxVisits,
        Instant reachedAt) {
}
