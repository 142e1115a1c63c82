package io.shortlink.command.link;

/** The code or alias is already a link's code, whatever that link's state: codes are never given out twice. */
public class CodeTakenException extends RuntimeException {

    public CodeTakenException(String code) {
        super("The alias '" + code + "' is already taken");
    }
}
