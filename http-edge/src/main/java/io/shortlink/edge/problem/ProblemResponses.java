package io.shortlink.edge.problem;

import io.shortlink.refusal.Refusal;
import io.shortlink.refusal.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every failure of a controller, on either side, as problem+json with a stable {@code code}: a {@link Refusal} with
 * the status of its reason, Spring MVC's own failures (malformed JSON, wrong media type, wrong method, unknown
 * route, …), a store that cannot be reached as {@code 503}, and anything unforeseen as a {@code 500} that is logged
 * with its stack trace and answered without it. Filters that answer before MVC write with {@link Problems}.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final String RETRY_STORAGE_SECONDS = "5";

    private final StorageFailures storageFailures;

    public ProblemResponses(StorageFailures storageFailures) {
        this.storageFailures = storageFailures;
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Object> refused(Refusal refusal) {
        HttpStatus status = statusOf(refusal.reason());
        ProblemDetail problem = Problems.problem(status, refusal.code(), refusal.getMessage());
        if (refusal instanceof ValidationException invalid) {
            problem.setDetail("The request is not valid: " + invalid.getMessage());
            problem.setProperty("errors", invalid.violations());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        refusal.retryAfter().ifPresent(wait -> answer.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds()))));
        if (refusal.reason() == Refusal.Reason.UNAUTHENTICATED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return answer.body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (storageFailures.isUnavailable(e)) {
            log.warn("A store is unavailable: {}", e.getMessage());
            storageFailures.renewPooledConnections();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_STORAGE_SECONDS)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable",
                            "A store this request needs cannot be reached right now; nothing was changed. Please try again."));
        }
        log.error("Request failed unexpectedly", e);
        return Problems.response(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "The request could not be completed"));
    }

    static HttpStatus statusOf(Refusal.Reason reason) {
        return switch (reason) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case GONE -> HttpStatus.GONE;
            case TOO_MANY -> HttpStatus.TOO_MANY_REQUESTS;
        };
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Optional<ContentTooLargeException> tooLarge = ContentTooLargeException.causing(ex);
        if (tooLarge.isPresent()) {
            return Problems.response(tooLarge.get().problem());
        }
        if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = fieldPath(mismatch);
            return refused(ValidationException.of(field, "has the wrong type"));
        }
        String detail = ex.getCause() instanceof JacksonException ? "The request body is not well-formed JSON"
                : "The request body is missing or unreadable";
        return Problems.response(Problems.problem(HttpStatus.BAD_REQUEST, "malformed-body", detail));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return Problems.response(Problems.problem(HttpStatus.NOT_FOUND, "not-found", "There is nothing at /" + ex.getResourcePath()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem && problem.getProperties() == null) {
            Problems.classify(problem, Problems.codeOf(statusCode));
        }
        return response;
    }

    private static String fieldPath(DatabindException mismatch) {
        return mismatch.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
