package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A short link came into existence. {@code code} is either a generated code or the caller's alias:
 * both share one namespace, and a code is never given out twice.
 * <p>
 * Revision 2 added {@code maxVisits}, {@code forwardQuery}, {@code tags} and {@code title}; revision-1 events are read
 * as revision 2 through {@link io.shortlink.events.upcasting.LinkEventUpcasters} (docs/adr/0023).
 *
 * @param owner        owner of the API key that created it, {@code null} for an anonymous link
 * @param redirectType HTTP status of the redirect: 301, 302, 307 or 308
 * @param expiresAt    when the link stops redirecting, {@code null} for never
 * @param maxVisits    after that many human {@code GET} redirects the link is exhausted; {@code null} for no limit
 * @param forwardQuery whether the query string of a request to the short URL is appended to the target
 * @param tags         lower-case labels of {@code [a-z0-9-]}, no duplicates, in the order given; empty for none
 * @param title        the owner's own label, {@code null} for none
 */
@Revision("2")
public record LinkCreated(
        String code,
        String url,
        String owner,
        int redirectType,
        Instant expiresAt,
        Instant createdAt,
        Integer maxVisits,
        boolean forwardQuery,
        List<String> tags,
        String title) {
}
