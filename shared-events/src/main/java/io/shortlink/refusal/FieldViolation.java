package io.shortlink.refusal;

/** One invalid field of a request, as listed in a problem's {@code errors}. */
public record FieldViolation(String field, String message) {
}
