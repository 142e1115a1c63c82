package io.shortlink.query.catalog;

import io.shortlink.events.LinkStatus;

import java.time.Instant;
import java.util.List;

/** One row of the link catalog. {@code status} is the one the events last said. */
record CatalogEntry(String code, String url, String owner, Instant createdAt, Instant expiresAt, int redirectType,
                    LinkStatus status, Integer maxVisits, boolean forwardQuery, List<String> tags, String title) {

    LinkStatus statusAt(Instant now) {
        return status.at(expiresAt, now);
    }
}
