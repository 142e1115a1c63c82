package io.shortlink.command.caller;

/** The endpoint needs an API key and the request carried none: {@code 401}. */
public class AuthenticationRequiredException extends RuntimeException {

    public AuthenticationRequiredException() {
        super("This endpoint needs an API key: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'");
    }
}
