package io.shortlink.command.link;

import io.shortlink.command.problem.FieldViolation;
import io.shortlink.command.problem.ValidationException;
import io.shortlink.events.RootPaths;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What a link may point at and be called. The Link aggregate applies these rules to every command. */
@Component
public class LinkRules {

    public static final int MAX_URL_LENGTH = 8192;
    public static final int DEFAULT_REDIRECT_TYPE = 302;

    static final String REDIRECT_TYPE_MESSAGE = "must be one of 301, 302, 307, 308";

    private static final Set<Integer> REDIRECT_TYPES = Set.of(301, 302, 307, 308);
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]{3,64}");

    private final String shortDomain;

    public LinkRules(@Value("${shortlink.base-url}") String baseUrl) {
        this.shortDomain = URI.create(baseUrl).getHost().toLowerCase(Locale.ROOT);
    }

    /** The link's URL in the form it is stored and redirected to: pure ASCII, never CR or LF. */
    public String checkCreation(CreateLinkCommand command, Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        String url = checkUrl(command.url(), violations);
        if (command.alias()) {
            checkAlias(command.code(), violations);
        }
        checkRedirectType(command.redirectType(), violations);
        checkFuture(LinkPatch.EXPIRES_AT, command.expiresAt(), now, violations);
        throwIfAny(violations);
        return url;
    }

    /** The same rules for the fields a patch sets; answers the new URL as it is stored, or {@code null} if unchanged. */
    public String checkChange(LinkPatch patch, Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        String url = patch.setsUrl() ? checkUrl(patch.url(), violations) : null;
        checkRedirectType(patch.redirectType(), violations);
        checkFuture(LinkPatch.EXPIRES_AT, patch.expiresAt(), now, violations);
        throwIfAny(violations);
        return url;
    }

    /** An alias can be reserved when it could be a link's alias, for a time in the future. */
    public void checkReservation(String alias, Instant reservedUntil, Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        checkAlias(alias, violations);
        checkFuture("reservedUntil", reservedUntil, now, violations);
        throwIfAny(violations);
    }

    private static void throwIfAny(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    private String checkUrl(String url, List<FieldViolation> violations) {
        if (url == null || url.isEmpty()) {
            return reject(violations, "url", "is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return reject(violations, "url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
        if (url.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return reject(violations, "url", "must not contain whitespace or control characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return reject(violations, "url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return reject(violations, "url", "must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return reject(violations, "url", "must have a host");
        }
        if (uri.getHost().toLowerCase(Locale.ROOT).equals(shortDomain)) {
            return reject(violations, "url", "must not point at this service's own short domain");
        }
        return uri.toASCIIString();
    }

    private static void checkAlias(String alias, List<FieldViolation> violations) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            violations.add(new FieldViolation("alias", "must be 3 to 64 characters of A-Z, a-z, 0-9, '_' and '-'"));
        } else if (RootPaths.isReserved(alias)) {
            violations.add(new FieldViolation("alias", "is a reserved word"));
        }
    }

    private static void checkRedirectType(Integer redirectType, List<FieldViolation> violations) {
        if (redirectType != null && !REDIRECT_TYPES.contains(redirectType)) {
            violations.add(new FieldViolation(LinkPatch.REDIRECT_TYPE, REDIRECT_TYPE_MESSAGE));
        }
    }

    private static void checkFuture(String field, Instant time, Instant now, List<FieldViolation> violations) {
        if (time != null && !time.isAfter(now)) {
            violations.add(new FieldViolation(field, "must be in the future"));
        }
    }

    private static String reject(List<FieldViolation> violations, String field, String message) {
        violations.add(new FieldViolation(field, message));
        return null;
    }
}
