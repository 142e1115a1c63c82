package io.shortlink.command.problem;

import io.shortlink.command.alias.ReservationNotFoundException;
import io.shortlink.command.apikey.ApiKeyNotFoundException;
import io.shortlink.command.caller.AuthenticationRequiredException;
import io.shortlink.command.caller.ForbiddenException;
import io.shortlink.command.link.CodeTakenException;
import io.shortlink.command.link.LinkGoneException;
import io.shortlink.command.link.LinkNotFoundException;
import io.shortlink.command.ratelimit.RateLimitExceededException;
import io.shortlink.edge.problem.Problems;
import io.shortlink.edge.problem.StandardProblemResponses;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;
import org.springframework.util.ReflectionUtils;

import java.lang.reflect.Method;

/**
 * Every failure of the command API as {@code application/problem+json} (RFC 9457) with a stable {@code code}.
 * Spring MVC's own exceptions (malformed JSON, wrong media type, wrong method, unknown route) arrive through the
 * superclass. It advises the command side's controllers only (in the combined application the query side's are
 * not its business): a database that cannot be reached is a 503, anything else unforeseen a 500 problem, neither
 * with its stack trace.
 */
@RestControllerAdvice(basePackages = "io.shortlink.command")
public class ProblemResponses extends StandardProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final ExceptionHandlerMethodResolver HANDLERS = new ExceptionHandlerMethodResolver(ProblemResponses.class);

    private final StorageFailures storageFailures;

    ProblemResponses(StorageFailures storageFailures) {
        this.storageFailures = storageFailures;
    }

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

    /** Two requests created the same new name at the same moment; the event store kept the other one. */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<Object> aliasTakenConcurrently(AggregateStreamCreationException e) {
        return respond(problem(HttpStatus.CONFLICT, "alias-taken", "The alias was taken at the same moment by another request"));
    }

    @ExceptionHandler(LinkNotFoundException.class)
    ResponseEntity<Object> linkNotFound(LinkNotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "link-not-found", e.getMessage()));
    }

    @ExceptionHandler(LinkGoneException.class)
    ResponseEntity<Object> linkGone(LinkGoneException e) {
        return respond(problem(HttpStatus.GONE, "link-gone", e.getMessage()));
    }

    @ExceptionHandler(ReservationNotFoundException.class)
    ResponseEntity<Object> reservationNotFound(ReservationNotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "reservation-not-found", e.getMessage()));
    }

    @ExceptionHandler(AuthenticationRequiredException.class)
    ResponseEntity<Object> unauthorized(AuthenticationRequiredException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem(HttpStatus.UNAUTHORIZED, "authentication-required", e.getMessage()));
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Object> forbidden(ForbiddenException e) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (storageFailures.isUnavailable(e)) {
            log.warn("Event store unavailable: {}", e.getMessage());
            storageFailures.renewPooledConnections();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable",
                            "The link store cannot be reached right now; nothing was changed. Please try again."));
        }
        log.error("Request failed unexpectedly", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "The request could not be completed"));
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

    /** The answer this advice gives to {@code failure}: for a failure within a request that answers for many items. */
    @SuppressWarnings("unchecked")
    public ResponseEntity<Object> responseTo(Exception failure) {
        Method handler = HANDLERS.resolveMethod(failure);
        ReflectionUtils.makeAccessible(handler);
        return (ResponseEntity<Object>) ReflectionUtils.invokeMethod(handler, this, failure);
    }

    public static ProblemDetail problem(HttpStatus status, String code, String detail) {
        return Problems.problem(status, code, detail);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return Problems.response(problem);
    }
}
