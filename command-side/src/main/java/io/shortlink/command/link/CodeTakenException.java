package io.shortlink.command.link;

import io.shortlink.refusal.Refusal;

/** The code or alias is already a link's code, whatever that link's state: codes are never given out twice. */
public class CodeTakenException extends Refusal {

    public CodeTakenException(String code) {
        super(Reason.CONFLICT, "alias-taken", "The alias '" + code + "' is already taken");
    }
}
