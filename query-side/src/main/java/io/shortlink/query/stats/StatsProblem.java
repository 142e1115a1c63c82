package io.shortlink.query.stats;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** A stats request that cannot be answered, as the problem+json it is answered with (see {@link StatsProblemResponses}). */
class StatsProblem extends RuntimeException {

    private final transient ProblemDetail problem;

    private StatsProblem(HttpStatus status, String code, String detail) {
        super(detail);
        problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://shortlink.io/problems/" + code));
        problem.setProperty("code", code);
    }

    static StatsProblem invalid(List<Map<String, String>> errors) {
        StatsProblem invalid = new StatsProblem(HttpStatus.BAD_REQUEST, "validation-failed", "The request is not valid: "
                + String.join("; ", errors.stream().map(e -> e.get("field") + ": " + e.get("message")).toList()));
        invalid.problem.setProperty("errors", errors);
        return invalid;
    }

    static StatsProblem linkNotFound(String code) {
        return new StatsProblem(HttpStatus.NOT_FOUND, "link-not-found", "There is no link " + code + ".");
    }

    static StatsProblem forbidden(String code) {
        return new StatsProblem(HttpStatus.FORBIDDEN, "forbidden", "Only the owner of " + code + " may read its stats.");
    }

    ProblemDetail problem() {
        return problem;
    }
}
