package io.shortlink.command.link;

import io.shortlink.events.RootPaths;
import io.shortlink.events.Tags;
import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.ValidationException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a link may point at and be called. The Link aggregate applies these rules to every command. */
@Component
public class LinkRules {

    public static final int MAX_URL_LENGTH = 8192;
    public static final int DEFAULT_REDIRECT_TYPE = 302;
    /** Deadlines are stored as database timestamps: a time beyond any sensible expiry is refused, not overflowed. */
    private static final Duration MAX_HORIZON = Duration.ofDays(36_525);
    /** A reservation holds a name nobody else may use: a year at most, then it must be renewed or used. */
    private static final Duration MAX_RESERVATION = Duration.ofDays(366);

    static final String REDIRECT_TYPE_MESSAGE = "must be one of 301, 302, 307, 308";
    public static final int MAX_VISITS = 1_000_000_000;
    static final String MAX_VISITS_MESSAGE = "must be an integer from 1 to 1000000000, or null";
    public static final int MAX_TAGS = 10;
    public static final int MAX_TITLE_LENGTH = 200;

    private static final Set<Integer> REDIRECT_TYPES = Set.of(301, 302, 307, 308);
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]{3,64}");
    /** scheme://authority rest — parsed by hand, since java.net.URI gives no host for an internationalized name. */
    private static final Pattern ABSOLUTE_URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)", Pattern.DOTALL);
    private static final Pattern PORT = Pattern.compile(":[0-9]{0,5}$");

    private final Set<String> ownHosts;
    private final Set<String> blockedHosts;

    /**
     * @param ownDomains   further host names under which this service answers, besides the base URL's
     * @param blockedHosts hosts no link may point at, nor at any of their subdomains
     */
    @Autowired
    public LinkRules(@Value("${shortlink.base-url}") String baseUrl,
                     @Value("${shortlink.links.own-domains:}") Collection<String> ownDomains,
                     @Value("${shortlink.links.blocked-hosts:}") Collection<String> blockedHosts) {
        Set<String> own = Stream.concat(Stream.of(URI.create(baseUrl).getHost()), ownDomains.stream())
                .filter(host -> host != null && !host.isBlank()).map(UrlHosts::canonical).collect(Collectors.toSet());
        if (own.stream().anyMatch(Hosts::isLoopback)) {
            own.addAll(Hosts.LOOPBACK_NAMES);
        }
        this.ownHosts = Set.copyOf(own);
        this.blockedHosts = blockedHosts.stream().filter(host -> !host.isBlank()).map(UrlHosts::canonical)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Rules for a service at {@code baseUrl} alone, with no blocklist. */
    public LinkRules(String baseUrl) {
        this(baseUrl, List.of(), List.of());
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
        checkMaxVisits(command.maxVisits(), violations);
        checkTags(command.tags(), violations);
        checkTitle(command.title(), violations);
        throwIfAny(violations);
        return url;
    }

    /** The same rules for the fields a patch sets; answers the new URL as it is stored, or {@code null} if unchanged. */
    public String checkChange(LinkPatch patch, Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        String url = patch.sets(LinkPatch.URL) ? checkUrl(patch.url(), violations) : null;
        checkRedirectType(patch.redirectType(), violations);
        checkFuture(LinkPatch.EXPIRES_AT, patch.expiresAt(), now, violations);
        checkMaxVisits(patch.maxVisits(), violations);
        checkTags(patch.tags(), violations);
        checkTitle(patch.title(), violations);
        throwIfAny(violations);
        return url;
    }

    /** An alias can be reserved when it could be a link's alias, for a time in the future. */
    public void checkReservation(String alias, Instant reservedUntil, Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        checkAlias(alias, violations);
        checkFuture("reservedUntil", reservedUntil, now, violations);
        if (reservedUntil != null && reservedUntil.isAfter(now.plus(MAX_RESERVATION)) && !reservedUntil.isAfter(now.plus(MAX_HORIZON))) {
            violations.add(new FieldViolation("reservedUntil", "must be at most 366 days ahead"));
        }
        throwIfAny(violations);
    }

    /**
     * A webhook's target, by the rules of a link's target (http or https, never this service's own domains or a blocked
     * host): the URL as it is stored and called, or a validation error on {@code url}.
     */
    public String checkWebhookUrl(String url) {
        List<FieldViolation> violations = new ArrayList<>();
        String stored = checkUrl(url, violations);
        throwIfAny(violations);
        return stored;
    }

    private static void throwIfAny(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    private String checkUrl(String url, List<FieldViolation> violations) {
        if (url == null || url.isEmpty()) {
            return reject(violations, "is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return reject(violations, "must be at most " + MAX_URL_LENGTH + " characters");
        }
        if (url.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c))) {
            return reject(violations, "must not contain whitespace or control characters");
        }
        Matcher parts = ABSOLUTE_URL.matcher(url);
        String scheme = parts.matches() ? parts.group(1).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return reject(violations, "must be an absolute http or https URL");
        }
        String authority = parts.group(2);
        if (authority.contains("@")) {
            return reject(violations, "must not contain a user name or password");
        }
        Matcher port = PORT.matcher(authority);
        String hostPart = port.find() && !authority.endsWith("]") ? authority.substring(0, port.start()) : authority;
        String portPart = authority.substring(hostPart.length());
        if (hostPart.isEmpty()) {
            return reject(violations, "must have a host");
        }
        if (portPart.length() > 1 && !isPort(portPart.substring(1))) {
            return reject(violations, "has an invalid port (1 to 65535)");
        }
        String normalPort = portPart.length() > 1 && Integer.parseInt(portPart.substring(1)) != defaultPort(scheme)
                ? ":" + Integer.parseInt(portPart.substring(1)) : "";
        String host;
        try {
            host = UrlHosts.canonical(hostPart);
        } catch (IllegalArgumentException invalid) {
            return reject(violations, "has an invalid host");
        }
        if (ownHosts.contains(host) || Hosts.isLoopback(host) && ownHosts.contains("localhost")) {
            return reject(violations, "must not point at this service's own short domain");
        }
        if (isBlocked(host)) {
            return reject(violations, "points at a blocked host");
        }
        try {
            URI uri = new URI(scheme + "://" + host + normalPort + parts.group(3));
            if (uri.getHost() == null) {
                return reject(violations, "has an invalid host");
            }
            String stored = uri.toASCIIString();
            if (stored.length() > MAX_URL_LENGTH) {
                // Percent-encoding can make a URL several times longer: the limit is on what is stored and sent.
                return reject(violations, "must be at most " + MAX_URL_LENGTH + " characters");
            }
            return stored;
        } catch (URISyntaxException e) {
            return reject(violations, "is not a valid URL");
        }
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    private static boolean isPort(String digits) {
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65_535;
    }

    private boolean isBlocked(String host) {
        for (String blocked : blockedHosts) {
            if (host.equals(blocked) || host.endsWith("." + blocked)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code alias} has the shape of an alias (reserved words aside). */
    static boolean isAliasShaped(String alias) {
        return alias != null && ALIAS.matcher(alias).matches();
    }

    private static void checkAlias(String alias, List<FieldViolation> violations) {
        if (!isAliasShaped(alias)) {
            violations.add(new FieldViolation("alias", "must be 3 to 64 characters of A-Z, a-z, 0-9, '_' and '-'"));
        } else if (RootPaths.isReservedAlias(alias)) {
            violations.add(new FieldViolation("alias", "is a reserved word"));
        }
    }

    private static void checkRedirectType(Integer redirectType, List<FieldViolation> violations) {
        if (redirectType != null && !REDIRECT_TYPES.contains(redirectType)) {
            violations.add(new FieldViolation(LinkPatch.REDIRECT_TYPE, REDIRECT_TYPE_MESSAGE));
        }
    }

    private static void checkMaxVisits(Integer maxVisits, List<FieldViolation> violations) {
        if (maxVisits != null && (maxVisits < 1 || maxVisits > MAX_VISITS)) {
            violations.add(new FieldViolation(LinkPatch.MAX_VISITS, MAX_VISITS_MESSAGE));
        }
    }

    /** Tags as they are stored: lower-cased, each once, in the order first given; none for {@code null}. */
    public static List<String> tags(List<String> tags) {
        return tags == null ? List.of() : tags.stream().map(tag -> tag.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static void checkTags(List<String> tags, List<FieldViolation> violations) {
        if (tags == null) {
            return;
        }
        if (tags.stream().anyMatch(tag -> tag == null || !Tags.isTag(tag.toLowerCase(Locale.ROOT)))) {
            violations.add(new FieldViolation(LinkPatch.TAGS, "each tag must be 1 to 32 characters of a-z, 0-9 and '-'"));
        } else if (tags(tags).size() > MAX_TAGS) {
            violations.add(new FieldViolation(LinkPatch.TAGS, "must be at most " + MAX_TAGS + " different tags"));
        }
    }

    /** A title as it is stored: an empty one is none. */
    public static String title(String title) {
        return title == null || title.isEmpty() ? null : title;
    }

    private static void checkTitle(String title, List<FieldViolation> violations) {
        if (title == null) {
            return;
        }
        if (title.codePointCount(0, title.length()) > MAX_TITLE_LENGTH) {
            violations.add(new FieldViolation(LinkPatch.TITLE, "must be at most " + MAX_TITLE_LENGTH + " characters"));
        } else if (title.codePoints().anyMatch(Character::isISOControl)) {
            violations.add(new FieldViolation(LinkPatch.TITLE, "must not contain control characters"));
        }
    }

    private static void checkFuture(String field, Instant time, Instant now, List<FieldViolation> violations) {
        if (time != null && !time.isAfter(now)) {
            violations.add(new FieldViolation(field, "must be in the future"));
        } else if (time != null && time.isAfter(now.plus(MAX_HORIZON))) {
            violations.add(new FieldViolation(field, "must be at most 100 years ahead"));
        }
    }

    private static String reject(List<FieldViolation> violations, String message) {
        violations.add(new FieldViolation("url", message));
        return null;
    }
}
