package io.shortlink.events;

import java.time.Instant;

/**
 * Where a link stands, as every side names it: in the API, in the views' stored rows and in webhook deliveries. The
 * link events set it ({@link LinkExpired}, {@link LinkExhausted}, {@link LinkReactivated}, {@link LinkDeleted});
 * {@link #at} adds the one rule of time that holds before the expiry's event arrives.
 */
public enum LinkStatus {
    ACTIVE, EXPIRED, EXHAUSTED, DELETED;

    /**
     * The status at {@code now} of a link whose events last said this one: a link expires at its {@code expiresAt}
     * exactly, not after, even while its {@link LinkExpired} is still on its way; an exhausted link expires as well,
     * a deleted one stays deleted. Without an expiry a link never expires.
     */
    public LinkStatus at(Instant expiresAt, Instant now) {
        boolean expires = this == ACTIVE || this == EXHAUSTED;
        return expires && expiresAt != null && !now.isBefore(expiresAt) ? EXPIRED : this;
    }

    /** Whether a link of this status at {@code now} redirects. */
    public boolean redirectsAt(Instant expiresAt, Instant now) {
        return at(expiresAt, now) == ACTIVE;
    }
}
