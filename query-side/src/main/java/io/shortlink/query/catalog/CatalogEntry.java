package io.shortlink.query.catalog;

import java.time.Instant;
import java.util.List;

/** One row of the link catalog. {@code status} is ACTIVE, EXPIRED, EXHAUSTED or DELETED as the events last said. */
record CatalogEntry(String code, String url, String owner, Instant createdAt, Instant expiresAt, int redirectType,
                    String status, Integer maxVisits, boolean forwardQuery, List<String> tags, String title) {

    static final String ACTIVE = "ACTIVE";
    static final String EXPIRED = "EXPIRED";
    static final String EXHAUSTED = "EXHAUSTED";
    static final String DELETED = "DELETED";

    /** The status at {@code now}: a link past its expiry is expired even before the expiry event arrives. */
    String statusAt(Instant now) {
        boolean pastExpiry = expiresAt != null && !now.isBefore(expiresAt);
        return (ACTIVE.equals(status) || EXHAUSTED.equals(status)) && pastExpiry ? EXPIRED : status;
    }
}
