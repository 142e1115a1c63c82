package io.shortlink.command.link;

/** The link was deleted: it can no longer be changed. */
public class LinkGoneException extends RuntimeException {

    public LinkGoneException(String code) {
        super("The link '" + code + "' was deleted");
    }
}
