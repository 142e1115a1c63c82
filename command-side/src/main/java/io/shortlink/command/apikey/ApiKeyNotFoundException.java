package io.shortlink.command.apikey;

public class ApiKeyNotFoundException extends RuntimeException {

    public ApiKeyNotFoundException(String id) {
        super("There is no API key with the id '" + id + "'");
    }
}
