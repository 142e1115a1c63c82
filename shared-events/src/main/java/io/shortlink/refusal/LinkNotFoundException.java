package io.shortlink.refusal;

/** No link has this code; a reserved or free alias is not a link either. */
public class LinkNotFoundException extends Refusal {

    public LinkNotFoundException(String code) {
        super(Reason.NOT_FOUND, "link-not-found", "There is no link with the code '" + code + "'");
    }
}
