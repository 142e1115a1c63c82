package io.shortlink.command.link;

import io.shortlink.refusal.Refusal;

/** The link was deleted: it can no longer be changed. */
public class LinkGoneException extends Refusal {

    public LinkGoneException(String code) {
        super(Reason.GONE, "link-gone", "The link '" + code + "' was deleted");
    }
}
