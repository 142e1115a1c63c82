package io.shortlink.command.link;

import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.ValidationException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON merge patch (RFC 7396) of a link: a field that is absent stays as it is, a field set to {@code null} is
 * removed. Removing {@code expiresAt} means the link never expires, {@code maxVisits} that it has no visit limit,
 * {@code redirectType} and {@code forwardQuery} restore their defaults, {@code tags} and {@code title} leave none;
 * {@code url} cannot be removed. Values are as sent: the rules check and normalise them.
 */
public record LinkPatch(Map<String, Object> fields) {

    public static final LinkPatch NOTHING = new LinkPatch(Map.of());

    static final String URL = "url";
    static final String EXPIRES_AT = "expiresAt";
    static final String REDIRECT_TYPE = "redirectType";
    static final String MAX_VISITS = "maxVisits";
    static final String FORWARD_QUERY = "forwardQuery";
    static final String TAGS = "tags";
    static final String TITLE = "title";

    public LinkPatch {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public boolean sets(String field) {
        return fields.containsKey(field);
    }

    public String url() {
        return (String) fields.get(URL);
    }

    public Instant expiresAt() {
        return (Instant) fields.get(EXPIRES_AT);
    }

    public Integer redirectType() {
        return (Integer) fields.get(REDIRECT_TYPE);
    }

    public Integer maxVisits() {
        return (Integer) fields.get(MAX_VISITS);
    }

    public Boolean forwardQuery() {
        return (Boolean) fields.get(FORWARD_QUERY);
    }

    @SuppressWarnings("unchecked")
    public List<String> tags() {
        return (List<String>) fields.get(TAGS);
    }

    public String title() {
        return (String) fields.get(TITLE);
    }

    public LinkPatch with(String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(fields);
        changed.put(field, value);
        return new LinkPatch(changed);
    }

    /** Reads a merge patch document; fields of the wrong JSON type are refused, other fields are ignored. */
    public static LinkPatch of(Map<String, Object> document) {
        List<FieldViolation> violations = new ArrayList<>();
        LinkPatch patch = NOTHING;
        for (Map.Entry<String, Object> field : document.entrySet()) {
            Object value = field.getValue();
            Object read = switch (field.getKey()) {
                case URL, TITLE -> value == null || value instanceof String ? value : violation(violations, field.getKey(), "must be a string");
                case EXPIRES_AT -> instant(value, violations);
                case REDIRECT_TYPE -> value == null || value instanceof Integer ? value
                        : violation(violations, REDIRECT_TYPE, LinkRules.REDIRECT_TYPE_MESSAGE);
                case MAX_VISITS -> value == null || value instanceof Integer ? value
                        : violation(violations, MAX_VISITS, LinkRules.MAX_VISITS_MESSAGE);
                case FORWARD_QUERY -> value == null || value instanceof Boolean ? value
                        : violation(violations, FORWARD_QUERY, "must be true or false");
                case TAGS -> value == null || value instanceof List<?> list && list.stream().allMatch(String.class::isInstance) ? value
                        : violation(violations, TAGS, "must be a list of strings");
                default -> Ignored.FIELD;
            };
            if (read != Ignored.FIELD) {
                patch = patch.with(field.getKey(), read);
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return patch;
    }

    private enum Ignored { FIELD }

    private static Object instant(Object value, List<FieldViolation> violations) {
        try {
            return value == null ? null : Instant.parse((String) value);
        } catch (ClassCastException | DateTimeParseException e) {
            return violation(violations, EXPIRES_AT, "must be an ISO-8601 timestamp such as 2027-01-01T00:00:00Z, or null");
        }
    }

    private static Object violation(List<FieldViolation> violations, String field, String message) {
        violations.add(new FieldViolation(field, message));
        return null;
    }
}
