package io.shortlink.query.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;

/** problem+json answers of the read side's API, each with a stable {@code code}. */
public final class Problems {

    private static final String PROBLEM_TYPE_BASE = "https://shortlink.io/problems/";

    private Problems() {
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).body(problemDetail(status, code, detail));
    }

    public static ResponseEntity<ProblemDetail> unauthorized(String detail) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problemDetail(HttpStatus.UNAUTHORIZED, "unauthorized", detail));
    }

    public static ProblemDetail problemDetail(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEM_TYPE_BASE + code));
        problem.setProperty("code", code);
        return problem;
    }
}
