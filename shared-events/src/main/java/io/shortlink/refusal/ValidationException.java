package io.shortlink.refusal;

import java.util.List;

/** A request broke one or more rules: every violation is listed, each with its field. */
public class ValidationException extends Refusal {

    public static final String CODE = "validation-failed";

    private final transient List<FieldViolation> violations;

    public ValidationException(List<FieldViolation> violations) {
        super(Reason.INVALID, CODE, String.join("; ", violations.stream().map(v -> v.field() + ": " + v.message()).toList()));
        this.violations = List.copyOf(violations);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
