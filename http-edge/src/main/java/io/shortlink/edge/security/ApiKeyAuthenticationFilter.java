package io.shortlink.edge.security;

import io.shortlink.caller.Caller;
import io.shortlink.edge.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>} against the admin key and the
 * side's key store. A request without a key stays anonymous; a key that is unknown, revoked or malformed is
 * {@code 401} at once, even where anonymous callers are welcome, so that a client never silently loses its identity.
 * On success the request's {@link Caller} is put on it as {@link Caller#REQUEST_ATTRIBUTE}.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "bearer ";
    private static final int MAX_KEY_LENGTH = 256;

    private final ApiKeyLookup keys;
    private final byte[] adminKeyHash;
    private final AuthenticationEntryPoint entryPoint;

    /** @param adminKey the admin key, or empty when this deployment has none */
    public ApiKeyAuthenticationFilter(ApiKeyLookup keys, String adminKey, AuthenticationEntryPoint entryPoint) {
        ApiKeys.requireStrongAdminKey(adminKey);
        this.keys = keys;
        this.adminKeyHash = adminKey == null || adminKey.isBlank() ? null : ApiKeys.hash(adminKey).getBytes(StandardCharsets.US_ASCII);
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> presented;
        try {
            presented = presentedKey(request);
        } catch (BadCredentialsException malformed) {
            entryPoint.commence(request, response, malformed);
            return;
        }
        if (presented.isPresent()) {
            Optional<ApiKeyPrincipal> principal;
            try {
                principal = authenticate(presented.get());
            } catch (DataAccessException unavailable) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                Problems.write(response, Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable",
                        "API keys cannot be checked right now; nothing was changed. Please try again."));
                return;
            }
            if (principal.isEmpty()) {
                SecurityContextHolder.clearContext();
                entryPoint.commence(request, response, new BadCredentialsException("The API key is unknown or revoked"));
                return;
            }
            signIn(request, principal.get());
        }
        chain.doFilter(request, response);
    }

    private Optional<ApiKeyPrincipal> authenticate(String key) {
        String hash = ApiKeys.hash(key);
        if (adminKeyHash != null && MessageDigest.isEqual(adminKeyHash, hash.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(ApiKeyPrincipal.ADMIN);
        }
        return keys.findByHash(hash);
    }

    private void signIn(HttpServletRequest request, ApiKeyPrincipal principal) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.admin() ? AuthorityUtils.createAuthorityList("ROLE_KEY", "ROLE_ADMIN") : AuthorityUtils.createAuthorityList("ROLE_KEY")));
        SecurityContextHolder.setContext(context);
        request.setAttribute(ApiKeyPrincipal.REQUEST_ATTRIBUTE, principal);
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, new Caller(principal.owner(), principal.admin()));
    }

    private static Optional<String> presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        String apiKey = request.getHeader(API_KEY_HEADER);
        if (authorization == null && apiKey == null) {
            return Optional.empty();
        }
        String key;
        if (authorization != null) {
            if (authorization.length() <= BEARER.length() || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new BadCredentialsException("Only 'Authorization: Bearer <api-key>' is understood");
            }
            key = authorization.substring(BEARER.length()).trim();
            if (apiKey != null && !apiKey.trim().equals(key)) {
                throw new BadCredentialsException("Authorization and X-Api-Key name different keys");
            }
        } else {
            key = apiKey.trim();
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new BadCredentialsException("The API key is malformed");
        }
        return Optional.of(key);
    }
}
