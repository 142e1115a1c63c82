package io.shortlink.events;

import java.util.Locale;
import java.util.Set;

/**
 * Codes and aliases live at the root of the short domain, beside the service's own paths. Both sides must agree on
 * which root names are the service's: the command side refuses them as aliases, the redirect path passes them on.
 */
public final class RootPaths {

    private static final Set<String> RESERVED = Set.of(
            "api", "app", "admin", "actuator", "health", "static", "assets", "favicon.ico", "robots.txt",
            "error", "v3", "swagger-ui", "swagger-ui.html", "webjars", "login", "logout");

    private RootPaths() {
    }

    public static boolean isReserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }
}
