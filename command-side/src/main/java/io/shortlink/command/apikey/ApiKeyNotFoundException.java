package io.shortlink.command.apikey;

import io.shortlink.refusal.Refusal;

public class ApiKeyNotFoundException extends Refusal {

    public ApiKeyNotFoundException(String id) {
        super(Reason.NOT_FOUND, "api-key-not-found", "There is no API key with the id '" + id + "'");
    }
}
