package io.shortlink.edge.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Spring MVC's own failures (malformed JSON, wrong media type, wrong method, unknown route, …) as problem+json with
 * a stable {@code code}. Each side extends it with its own exceptions. It has no catch-all on purpose: in the
 * combined application one side's catch-all would swallow the other side's exceptions; whatever no handler knows
 * reaches {@link ProblemErrorController} as a {@code 500} problem.
 */
@RestControllerAdvice
public class StandardProblemResponses extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Optional<ContentTooLargeException> tooLarge = ContentTooLargeException.causing(ex);
        if (tooLarge.isPresent()) {
            return Problems.response(tooLarge.get().problem());
        }
        if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = fieldPath(mismatch);
            ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "validation-failed",
                    "The request is not valid: " + field + " has the wrong type");
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "has the wrong type")));
            return Problems.response(problem);
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

    /** The path of the field a body failed to bind, as a problem's {@code errors} name it: {@code links[2].url}. */
    public static String fieldPath(DatabindException mismatch) {
        return mismatch.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
