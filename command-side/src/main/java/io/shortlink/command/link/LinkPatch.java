package io.shortlink.command.link;

import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.ValidationException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON merge patch (RFC 7396) of a link: a field that is absent stays as it is, a field set to {@code null} is
 * removed. Removing {@code expiresAt} means the link never expires, removing {@code redirectType} restores the
 * default, and {@code url} cannot be removed.
 */
public record LinkPatch(
        boolean setsUrl, String url,
        boolean setsExpiresAt, Instant expiresAt,
        boolean setsRedirectType, Integer redirectType) {

    public static final LinkPatch NOTHING = new LinkPatch(false, null, false, null, false, null);

    static final String URL = "url";
    static final String EXPIRES_AT = "expiresAt";
    static final String REDIRECT_TYPE = "redirectType";

    public LinkPatch withUrl(String newUrl) {
        return new LinkPatch(true, newUrl, setsExpiresAt, expiresAt, setsRedirectType, redirectType);
    }

    public LinkPatch withExpiresAt(Instant newExpiresAt) {
        return new LinkPatch(setsUrl, url, true, newExpiresAt, setsRedirectType, redirectType);
    }

    public LinkPatch withRedirectType(Integer newRedirectType) {
        return new LinkPatch(setsUrl, url, setsExpiresAt, expiresAt, true, newRedirectType);
    }

    /** Reads a merge patch document; fields of the wrong JSON type are refused, other fields are ignored. */
    public static LinkPatch of(Map<String, Object> document) {
        List<FieldViolation> violations = new ArrayList<>();
        LinkPatch patch = NOTHING;
        if (document.containsKey(URL)) {
            Object value = document.get(URL);
            if (value == null || value instanceof String) {
                patch = patch.withUrl((String) value);
            } else {
                violations.add(new FieldViolation(URL, "must be a string"));
            }
        }
        if (document.containsKey(EXPIRES_AT)) {
            Object value = document.get(EXPIRES_AT);
            try {
                patch = patch.withExpiresAt(value == null ? null : Instant.parse((String) value));
            } catch (ClassCastException | DateTimeParseException e) {
                violations.add(new FieldViolation(EXPIRES_AT, "must be an ISO-8601 timestamp such as 2027-01-01T00:00:00Z, or null"));
            }
        }
        if (document.containsKey(REDIRECT_TYPE)) {
            Object value = document.get(REDIRECT_TYPE);
            if (value == null || value instanceof Integer) {
                patch = patch.withRedirectType((Integer) value);
            } else {
                violations.add(new FieldViolation(REDIRECT_TYPE, LinkRules.REDIRECT_TYPE_MESSAGE));
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return patch;
    }
}
