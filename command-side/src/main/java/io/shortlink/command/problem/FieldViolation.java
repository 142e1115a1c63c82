package io.shortlink.command.problem;

/** One invalid field of a request, as listed in a problem's {@code errors}. */
public record FieldViolation(String field, String message) {
}
