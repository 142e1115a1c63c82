package io.shortlink.edge.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.util.Optional;

/** A request body longer than the configured limit: answered as {@code 413}. */
public class ContentTooLargeException extends IOException {

    public ContentTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }

    public ProblemDetail problem() {
        return Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", getMessage());
    }

    /** The body-limit failure behind {@code failure}, at any depth. */
    public static Optional<ContentTooLargeException> causing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ContentTooLargeException tooLarge) {
                return Optional.of(tooLarge);
            }
        }
        return Optional.empty();
    }
}
