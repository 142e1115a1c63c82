package io.shortlink.command.link;

/** No link has this code; a reserved or free alias is not a link either. */
public class LinkNotFoundException extends RuntimeException {

    public LinkNotFoundException(String code) {
        super("There is no link with the code '" + code + "'");
    }
}
