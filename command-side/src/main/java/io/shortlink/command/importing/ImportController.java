package io.shortlink.command.importing;

import io.shortlink.caller.Caller;
import io.shortlink.command.persistence.StorageDeadlines;
import io.shortlink.command.ratelimit.CreationRateLimits;
import io.shortlink.edge.EdgeAutoConfiguration;
import io.shortlink.edge.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/imports} stores the uploaded file's rows and answers at once; {@link ImportWorker} imports
 * them. {@code GET /api/v1/imports/{id}} follows the job. Both are the command side's: the job's state is not a view
 * of events (docs/adr/0073).
 */
@RestController
class ImportController {

    static final String TEXT_CSV = "text/csv";
    private static final int ROWS_PER_INSERT = 1_000;

    private final ImportJobs jobs;
    private final ImportWorker worker;
    private final CreationRateLimits rateLimits;
    private final TransactionTemplate transaction;

    ImportController(ImportJobs jobs, ImportWorker worker, CreationRateLimits rateLimits, PlatformTransactionManager transactions) {
        this.jobs = jobs;
        this.worker = worker;
        this.rateLimits = rateLimits;
        this.transaction = new TransactionTemplate(transactions);
    }

    record Started(UUID id, String status) {
    }

    @Operation(summary = "Import links from a CSV file",
            description = "Exports of YOURLS, Shlink, Bitly or this service: links keep their codes and creation times. "
                    + "Answers at once; follow the import with GET /api/v1/imports/{id}. The upload counts as one creation "
                    + "against the hourly limit; its rows do not.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string"))))
    @ProblemResponse(status = 400, codes = "validation-failed", when = "The file is not CSV, or its first row names no URL column")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 409, codes = "import-running", when = "The caller's previous import is still running")
    @ProblemResponse(status = 413, codes = "content-too-large", when = "The file is over 100 MB")
    @ProblemResponse(status = 429, codes = {"rate-limited", "too-many-uploads"}, when = "Over the hourly creation limit, or too many bodies in progress from this client")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping(path = EdgeAutoConfiguration.IMPORTS_PATH, consumes = TEXT_CSV)
    ResponseEntity<Started> start(Caller caller, HttpServletRequest http) throws IOException {
        caller.requireApiKey();
        String owner = caller.name();
        jobs.runningOf(owner).ifPresent(running -> {
            throw new ImportRunningException(running);
        });
        rateLimits.consume(http);
        UUID id = UUID.randomUUID();
        try (InputStream body = http.getInputStream()) {
            transaction.executeWithoutResult(status -> store(id, owner, body));
        } catch (DuplicateKeyException raced) {
            throw new ImportRunningException(jobs.runningOf(owner).orElse(id));
        }
        worker.wake();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(EdgeAutoConfiguration.IMPORTS_PATH + "/" + id))
                .body(new Started(id, ImportStatus.RUNNING));
    }

    /** The rows in batches, each batch with a fresh database deadline: a 100 MB file takes longer than one request's. */
    private void store(UUID id, String owner, InputStream body) {
        StorageDeadlines.restart();
        jobs.create(id, owner, Instant.now());
        List<ImportRow> batch = new ArrayList<>(ROWS_PER_INSERT);
        long[] total = {0};
        ImportFile.read(body, row -> {
            batch.add(row);
            total[0]++;
            if (batch.size() == ROWS_PER_INSERT) {
                StorageDeadlines.restart();
                jobs.addRows(id, batch);
                batch.clear();
            }
        });
        StorageDeadlines.restart();
        if (!batch.isEmpty()) {
            jobs.addRows(id, batch);
        }
        jobs.setTotal(id, total[0]);
    }

    @Operation(summary = "Follow an import", description = "Its status, counts and first 100 errors (each with its line).")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 404, codes = "import-not-found", when = "No import of the caller has this id")
    @GetMapping(EdgeAutoConfiguration.IMPORTS_PATH + "/{id}")
    ImportStatus status(@PathVariable String id, Caller caller) {
        caller.requireApiKey();
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            throw new ImportNotFoundException(id);
        }
        return jobs.ownerOf(uuid).filter(caller::mayManage).flatMap(owner -> jobs.status(uuid))
                .orElseThrow(() -> new ImportNotFoundException(id));
    }
}
