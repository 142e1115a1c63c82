package io.shortlink.command.problem;

import io.shortlink.command.apikey.ApiKeyNotFoundException;
import io.shortlink.command.link.CodeTakenException;
import io.shortlink.command.ratelimit.RateLimitExceededException;
import io.shortlink.edge.problem.Problems;
import io.shortlink.edge.problem.StandardProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every failure of the command API as {@code application/problem+json} (RFC 9457) with a stable {@code code}.
 * Spring MVC's own exceptions (malformed JSON, wrong media type, wrong method, unknown route) arrive through the
 * superclass; anything unforeseen becomes a 500 problem on the error page, without its stack trace.
 */
@RestControllerAdvice
public class ProblemResponses extends StandardProblemResponses {

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<Object> invalid(ValidationException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed", "The request is not valid: " + e.getMessage());
        problem.setProperty("errors", e.violations());
        return respond(problem);
    }

    @ExceptionHandler(CodeTakenException.class)
    ResponseEntity<Object> aliasTaken(CodeTakenException e) {
        return respond(problem(HttpStatus.CONFLICT, "alias-taken", e.getMessage()));
    }

    @ExceptionHandler(ApiKeyNotFoundException.class)
    ResponseEntity<Object> unknownKey(ApiKeyNotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "api-key-not-found", e.getMessage()));
    }

    @ExceptionHandler(RateLimitExceededException.class)
    ResponseEntity<Object> rateLimited(RateLimitExceededException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", e.getMessage()));
    }

    public static ProblemDetail problem(HttpStatus status, String code, String detail) {
        return Problems.problem(status, code, detail);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return Problems.response(problem);
    }
}
