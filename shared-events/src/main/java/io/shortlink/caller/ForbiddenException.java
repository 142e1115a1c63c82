package io.shortlink.caller;

import io.shortlink.refusal.Refusal;

/** The caller is known, but this is not theirs to do. */
public class ForbiddenException extends Refusal {

    public ForbiddenException(String message) {
        super(Reason.FORBIDDEN, "forbidden", message);
    }
}
