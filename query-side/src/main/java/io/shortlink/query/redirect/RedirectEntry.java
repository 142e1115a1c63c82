package io.shortlink.query.redirect;

import java.time.Instant;

/** What the redirect path needs to know about a code. */
public record RedirectEntry(String url, LinkStatus status, int redirectType, Instant expiresAt) {

    public enum LinkStatus { ACTIVE, EXPIRED, DELETED }

    /** Active and not past its expiry: the expiry is checked here too, in case the expiry event is late. */
    public boolean redirectsAt(Instant now) {
        return status == LinkStatus.ACTIVE && (expiresAt == null || now.isBefore(expiresAt));
    }
}
