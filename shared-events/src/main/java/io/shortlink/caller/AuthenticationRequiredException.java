package io.shortlink.caller;

import io.shortlink.refusal.Refusal;

/** The request needs an API key and carried none. */
public class AuthenticationRequiredException extends Refusal {

    public AuthenticationRequiredException() {
        this("This endpoint needs an API key: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'");
    }

    public AuthenticationRequiredException(String message) {
        super(Reason.UNAUTHENTICATED, "authentication-required", message);
    }
}
