package io.shortlink.edge.security;

/**
 * The authenticated holder of an API key. Authentication puts it on the request as {@link #REQUEST_ATTRIBUTE}.
 *
 * @param rateLimitPerHour the key's own creation limit, {@code null} for the default (and for the admin: none)
 */
public record ApiKeyPrincipal(String keyId, String owner, boolean admin, Integer rateLimitPerHour) {

    public static final String REQUEST_ATTRIBUTE = ApiKeyPrincipal.class.getName();
    /** The admin acts as the owner {@value #ADMIN_OWNER}, which no issued key may take. */
    public static final String ADMIN_OWNER = "admin";
    static final ApiKeyPrincipal ADMIN = new ApiKeyPrincipal("admin", ADMIN_OWNER, true, null);
}
