package io.shortlink.command.problem;

import io.shortlink.command.alias.ReservationNotFoundException;
import io.shortlink.command.caller.AuthenticationRequiredException;
import io.shortlink.command.caller.ForbiddenException;
import io.shortlink.command.link.CodeTakenException;
import io.shortlink.command.link.LinkGoneException;
import io.shortlink.command.link.LinkNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Locale;

/**
 * Every failure of the command API as {@code application/problem+json} (RFC 9457) with a stable {@code code}.
 * Spring MVC's own exceptions (malformed JSON, wrong media type, wrong method) arrive through the superclass.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final String TYPE_BASE = "https://shortlink.io/problems/";

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
                .body(problem(HttpStatus.UNAUTHORIZED, "unauthorized", e.getMessage()));
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

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            String code = codeOf(statusCode);
            problem.setType(URI.create(TYPE_BASE + code));
            problem.setProperty("code", code);
        }
        return response;
    }

    private static String codeOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value() : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setProperty("code", code);
        return problem;
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
