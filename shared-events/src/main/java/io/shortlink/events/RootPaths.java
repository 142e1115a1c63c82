package io.shortlink.events;

import java.util.Locale;
import java.util.Set;

/**
 * Codes and aliases live at the root of the short domain, beside the service's own paths. Both sides must agree on
 * which root names are the service's: the command side refuses them as aliases, the redirect path passes them on.
 * A few more names are refused as aliases because a link under them could not be read: {@code /api/v1/links/export}
 * is the export, not the metadata of a link called {@code export}.
 */
public final class RootPaths {

    private static final Set<String> RESERVED = Set.of(
            "api", "app", "admin", "actuator", "health", "static", "assets", "favicon.ico", "robots.txt",
            "error", "v3", "swagger-ui", "swagger-ui.html", "webjars", "login", "logout");

    private static final Set<String> LINKS_API_PATHS = Set.of("export", "bulk");

    private RootPaths() {
    }

    public static boolean isReserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether no alias may take {@code name}: a root path of the service's, or one of the links API's own paths. */
    public static boolean isReservedAlias(String name) {
        return isReserved(name) || LINKS_API_PATHS.contains(name.toLowerCase(Locale.ROOT));
    }
}
