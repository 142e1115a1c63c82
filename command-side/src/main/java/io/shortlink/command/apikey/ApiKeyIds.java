package io.shortlink.command.apikey;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Key ids share the event store's aggregate namespace with link codes; the dot, which no code or alias may hold,
 * keeps the two apart.
 */
final class ApiKeyIds {

    private static final Pattern ID = Pattern.compile("key\\.[0-9a-f]{32}");

    private ApiKeyIds() {
    }

    static String next() {
        return "key." + UUID.randomUUID().toString().replace("-", "");
    }

    static boolean isKeyId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
