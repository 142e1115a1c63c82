package io.shortlink.refusal;

/** No webhook with this id, or none the caller may see. */
public class WebhookNotFoundException extends Refusal {

    public WebhookNotFoundException(String id) {
        super(Reason.NOT_FOUND, "webhook-not-found", "There is no webhook with the id '" + id + "'");
    }
}
