package io.shortlink.query.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** problem+json answers of the read side's controllers, built the way the whole API builds them (http-edge). */
public final class Problems {

    private Problems() {
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).body(problemDetail(status, code, detail));
    }

    public static ResponseEntity<ProblemDetail> unauthorized(String detail) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problemDetail(HttpStatus.UNAUTHORIZED, "authentication-required", detail));
    }

    public static ProblemDetail problemDetail(HttpStatus status, String code, String detail) {
        return io.shortlink.edge.problem.Problems.problem(status, code, detail);
    }
}
