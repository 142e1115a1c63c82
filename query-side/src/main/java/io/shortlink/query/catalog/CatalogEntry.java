package io.shortlink.query.catalog;

import java.time.Instant;

/** One row of the link catalog. {@code status} is ACTIVE, EXPIRED or DELETED as the events last said. */
record CatalogEntry(String code, String url, String owner, Instant createdAt, Instant expiresAt, int redirectType,
                    String status) {

    static final String ACTIVE = "ACTIVE";
    static final String EXPIRED = "EXPIRED";
    static final String DELETED = "DELETED";

    /** The status at {@code now}: a link past its expiry is expired even before the expiry event arrives. */
    String statusAt(Instant now) {
        boolean pastExpiry = expiresAt != null && !now.isBefore(expiresAt);
        return ACTIVE.equals(status) && pastExpiry ? EXPIRED : status;
    }
}
