package io.shortlink.edge.problem;

import java.io.IOException;

/** A request body longer than the configured limit: answered as {@code 413}. */
public class ContentTooLargeException extends IOException {

    public ContentTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }

    /** Whether {@code failure} was caused, at any depth, by a body over the limit. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ContentTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
