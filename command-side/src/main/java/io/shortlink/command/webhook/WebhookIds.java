package io.shortlink.command.webhook;

import java.util.UUID;
import java.util.regex.Pattern;

/** Webhook ids share the event store's aggregate namespace with link codes; the dot keeps them apart (as for keys). */
final class WebhookIds {

    private static final Pattern ID = Pattern.compile("wh\\.[0-9a-f]{32}");

    private WebhookIds() {
    }

    static String next() {
        return "wh." + UUID.randomUUID().toString().replace("-", "");
    }

    static boolean isWebhookId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
