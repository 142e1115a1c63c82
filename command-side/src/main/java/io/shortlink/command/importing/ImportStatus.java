package io.shortlink.command.importing;

import java.util.List;
import java.util.UUID;

/**
 * An import job as {@code GET /api/v1/imports/{id}} shows it. {@code total} is the number of data rows in the file;
 * {@code processed = imported + skipped} (rows refused with an error count as skipped).
 */
public record ImportStatus(UUID id, String status, long total, long processed, long imported, long skipped,
                           List<Error> errors) {

    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    ImportStatus withErrors(List<Error> errors) {
        return new ImportStatus(id, status, total, processed, imported, skipped, errors);
    }

    /** The first 100 errors are kept. */
    public record Error(long line, String code, String message) {
    }
}
