package io.shortlink.query.redirect;

import io.shortlink.events.LinkStatus;

import java.time.Instant;

/**
 * What the redirect path needs to know about a code.
 *
 * @param forwardQuery whether the request's query string is appended to {@code url} ({@link ForwardedQuery})
 * @param visitLimited whether the link has a {@code maxVisits}: only then do its clicks count towards a limit
 */
public record RedirectEntry(String url, LinkStatus status, int redirectType, Instant expiresAt, boolean forwardQuery,
                            boolean visitLimited) {

    /** Active and not past its expiry: the expiry is checked here too, in case the expiry event is late. */
    public boolean redirectsAt(Instant now) {
        return status.redirectsAt(expiresAt, now);
    }

    /** Where a request with {@code queryString} ({@code null} for none) is sent. */
    public String location(String queryString) {
        return forwardQuery ? ForwardedQuery.append(url, queryString) : url;
    }
}
