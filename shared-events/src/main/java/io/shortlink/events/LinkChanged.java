package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A link's settings changed. It carries every setting as it is now, changed or not, so that a projection handling it
 * twice ends up the same. The link's status changes only through its own events.
 * <p>
 * Revision 2 added {@code maxVisits}, {@code forwardQuery}, {@code tags} and {@code title} (see {@link LinkCreated}).
 *
 * @param expiresAt {@code null} for never
 * @param maxVisits {@code null} for no limit
 */
@Revision("2")
public record LinkChanged(
        String code,
        String url,
        Instant expiresAt,
        int redirectType,
        Instant changedAt,
        Integer maxVisits,
        boolean forwardQuery,
        List<String> tags,
        String title) {
}
