package io.shortlink.command.caller;

/** The caller is known, but this is not theirs to do: {@code 403}. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
