package io.shortlink.refusal;

import java.time.Duration;
import java.util.Optional;

/**
 * A request the service refuses, for a reason the caller can act on: the one way both sides (domain and edge) say
 * "no". It names a {@link Reason} and a stable {@code code}; the HTTP edge turns it into problem+json with the
 * status of its reason, so that neither the domain nor a controller spells a status or a problem body.
 */
public class Refusal extends RuntimeException {

    /** Why the request is refused; each is one HTTP status at the edge. */
    public enum Reason { INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, GONE, TOO_MANY }

    private final Reason reason;
    private final String code;

    public Refusal(Reason reason, String code, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.code = code;
    }

    public Reason reason() {
        return reason;
    }

    /** Stable and machine-readable, e.g. {@code alias-taken}. */
    public String code() {
        return code;
    }

    /** When a retry may succeed, for the refusals that pass with time. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}
