package io.shortlink.command.importing;

import io.shortlink.refusal.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Works the import jobs of the whole cluster, one at a time per instance. A job is claimed in the database; its rows
 * are imported in chunks, each chunk one transaction with the job's progress (so that a job resumes exactly where
 * its last committed chunk ended, whichever instance resumes it). A chunk that fails is redone row by row, each row
 * in a transaction of its own, so that one row's failure costs only that row. A job whose worker dies is taken over
 * when its claim times out; one taken up too often is FAILED with the reason (docs/adr/0073).
 */
@Component
class ImportWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);

    private final ImportJobs jobs;
    private final RowImporter importer;
    private final TransactionTemplate transaction;
    private final int chunkSize;
    private final int maxAttempts;
    private final Duration pollInterval;
    private final UUID worker = UUID.randomUUID();
    private ScheduledExecutorService executor;

    ImportWorker(ImportJobs jobs, RowImporter importer, PlatformTransactionManager transactions,
                 @Value("${shortlink.imports.chunk-size:250}") int chunkSize,
                 @Value("${shortlink.imports.max-attempts:5}") int maxAttempts,
                 @Value("${shortlink.imports.poll-interval:1s}") Duration pollInterval) {
        this.jobs = jobs;
        this.importer = importer;
        this.transaction = new TransactionTemplate(transactions);
        this.chunkSize = chunkSize;
        this.maxAttempts = maxAttempts;
        this.pollInterval = pollInterval;
    }

    /** A new job starts at once rather than at the next poll. */
    void wake() {
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.execute(this::workClaimableJobs);
        }
    }

    private void workClaimableJobs() {
        try {
            Optional<ImportJobs.Claimed> job;
            while ((job = jobs.claim(worker)).isPresent()) {
                work(job.get());
            }
        } catch (RuntimeException failed) {
            // The database is unreachable, or a chunk failed for a reason of no row's making: the job stays RUNNING
            // and is taken up again once its claim times out.
            log.warn("Import worker stopped a job; it is taken up again after the claim timeout: {}", failed.toString());
        }
    }

    private void work(ImportJobs.Claimed job) {
        if (job.attempts() > maxAttempts) {
            jobs.finish(job.id(), worker, ImportStatus.FAILED, "Stopped after " + maxAttempts
                    + " attempts: the job failed each time (see the service's log)");
            return;
        }
        long lastLine = job.lastLine();
        long errorsSoFar = job.errorCount();
        List<ImportRow> rows;
        while (!(rows = jobs.rowsAfter(job.id(), lastLine, chunkSize)).isEmpty()) {
            Chunk done = importChunk(job, rows, errorsSoFar);
            if (done == null) {
                return;
            }
            lastLine = rows.get(rows.size() - 1).line();
            errorsSoFar += done.errors.size();
            if (executor == null || executor.isShutdown()) {
                return;
            }
        }
        jobs.finish(job.id(), worker, ImportStatus.DONE, null);
    }

    /** The chunk's result once committed; {@code null} when the job was taken over meanwhile. */
    private Chunk importChunk(ImportJobs.Claimed job, List<ImportRow> rows, long errorsSoFar) {
        try {
            return transaction.execute(status -> {
                Chunk chunk = new Chunk();
                importer.importChunk(rows, job.owner(), job.id()).forEach(chunk::add);
                return commit(job, rows.get(rows.size() - 1).line(), chunk, errorsSoFar, status);
            });
        } catch (TakenOver takenOver) {
            return null;
        } catch (RuntimeException chunkFailed) {
            log.debug("Import {}: a chunk failed, redone row by row", job.id(), chunkFailed);
        }
        Chunk all = new Chunk();
        for (ImportRow row : rows) {
            Chunk one;
            try {
                one = transaction.execute(status -> {
                    Chunk chunk = new Chunk();
                    chunk.add(importer.importRow(row, job.owner(), job.id()));
                    return commit(job, row.line(), chunk, errorsSoFar + all.errors.size(), status);
                });
            } catch (TakenOver takenOver) {
                return null;
            } catch (Refusal refused) {
                // the link's own rules refused the row in the aggregate
                Chunk refusedRow = new Chunk();
                refusedRow.add(new RowImporter.Result(false, new ImportStatus.Error(row.line(), refused.code(), refused.getMessage())));
                one = transaction.execute(status -> commit(job, row.line(), refusedRow, errorsSoFar + all.errors.size(), status));
            }
            all.imported += one.imported;
            all.skipped += one.skipped;
            all.errors.addAll(one.errors);
        }
        return all;
    }

    private Chunk commit(ImportJobs.Claimed job, long lastLine, Chunk chunk, long errorsSoFar,
                         org.springframework.transaction.TransactionStatus status) {
        if (!jobs.advance(job.id(), worker, lastLine, chunk.imported, chunk.skipped, chunk.errors, errorsSoFar)) {
            status.setRollbackOnly();
            throw new TakenOver();
        }
        return chunk;
    }

    private static final class Chunk {
        long imported;
        long skipped;
        final List<ImportStatus.Error> errors = new ArrayList<>();

        void add(RowImporter.Result result) {
            if (result.imported()) {
                imported++;
            } else {
                skipped++;
                if (result.error() != null) {
                    errors.add(result.error());
                }
            }
        }
    }

    /** Another worker took the job over (this one was silent too long): what this one did is rolled back. */
    private static final class TakenOver extends RuntimeException {
        TakenOver() {
            super(null, null, false, false);
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "import-worker");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::workClaimableJobs, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
