package io.shortlink.query.redirect;

import java.time.Instant;

/**
 * What the redirect path needs to know about a code.
 *
 * @param forwardQuery whether the request's query string is appended to {@code url} ({@link ForwardedQuery})
 */
public record RedirectEntry(String url, LinkStatus status, int redirectType, Instant expiresAt, boolean forwardQuery) {

    public enum LinkStatus { ACTIVE, EXPIRED, EXHAUSTED, DELETED }

    /** Active and not past its expiry: the expiry is checked here too, in case the expiry event is late. */
    public boolean redirectsAt(Instant now) {
        return status == LinkStatus.ACTIVE && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** Where a request with {@code queryString} ({@code null} for none) is sent. */
    public String location(String queryString) {
        return forwardQuery ? ForwardedQuery.append(url, queryString) : url;
    }
}
