package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A redirect answered a {@code GET}: one click on a link, as the read side's redirect path saw it. Clicks are not
 * part of a link's history (they never pass the command side or the event store); they travel on a Kafka topic of
 * their own, in the same format as the link events, so that the stats can be rebuilt from them.
 *
 * @param referrerHost the host of the {@code Referer} header, {@code "direct"} without one, {@code "unknown"} when it
 *                     names no host
 * @param userAgent    the {@code User-Agent} header as sent (shortened to a bounded length), {@code ""} without one
 * @param visitor      a keyed hash of the client's address and user agent under a salt of that UTC day: the same
 *                     visitor within a day, never recognisable across days, and never the address itself
 * @param country      ISO 3166 alpha-2 code from the trusted country header, {@code "unknown"} without one
 */
@Revision("1")
public record LinkClicked(
        String code,
        Instant clickedAt,
        String referrerHost,
        String userAgent,
        String visitor,
        String country) {
}
