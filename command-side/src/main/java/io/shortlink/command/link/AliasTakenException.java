package io.shortlink.command.link;

/** The alias is already a link's code, whatever that link's state: codes are never given out twice. */
public class AliasTakenException extends RuntimeException {

    public AliasTakenException(String alias) {
        super("The alias '" + alias + "' is already taken");
    }
}
