package io.shortlink.command.importing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Import jobs, their rows and their errors in PostgreSQL (docs/adr/0073). */
@Repository
class ImportJobs {

    static final int MAX_ERRORS = 100;

    private static final RowMapper<ImportRow> ROW = (row, n) -> new ImportRow(row.getLong("line"), row.getString("url"),
            row.getString("code"), row.getString("created_at"), row.getString("title"), row.getString("tags"));

    private final JdbcTemplate jdbc;
    private final Duration claimTimeout;

    ImportJobs(JdbcTemplate jdbc, @Value("${shortlink.imports.claim-timeout:15s}") Duration claimTimeout) {
        this.jdbc = jdbc;
        this.claimTimeout = claimTimeout;
    }

    /** A running job of {@code owner}, if one is running. */
    Optional<UUID> runningOf(String owner) {
        return jdbc.queryForList("select id from import_job where owner = ? and status = 'RUNNING' limit 1", UUID.class, owner)
                .stream().findFirst();
    }

    void create(UUID id, String owner, Instant now) {
        jdbc.update("insert into import_job (id, owner, status, total, created_at) values (?, ?, 'RUNNING', 0, ?)",
                id, owner, Timestamp.from(now));
    }

    void addRows(UUID id, List<ImportRow> rows) {
        jdbc.batchUpdate("insert into import_row (import_id, line, url, code, created_at, title, tags) values (?, ?, ?, ?, ?, ?, ?)",
                rows, rows.size(), (statement, row) -> {
                    statement.setObject(1, id);
                    statement.setLong(2, row.line());
                    statement.setString(3, row.url());
                    statement.setString(4, row.code());
                    statement.setString(5, row.createdAt());
                    statement.setString(6, row.title());
                    statement.setString(7, row.tags());
                });
    }

    void setTotal(UUID id, long total) {
        jdbc.update("update import_job set total = ? where id = ?", total, id);
    }

    /**
     * The job first, then its errors: errors are only ever added, in the transaction that counts their rows, so read
     * afterwards they include every error of the rows the job's counts include (read the other way round, a job that
     * ended in between showed DONE without the errors of its last chunk).
     */
    Optional<ImportStatus> status(UUID id) {
        Optional<ImportStatus> job = jdbc.query("select * from import_job where id = ?", (row, n) -> new ImportStatus(id,
                row.getString("status"), row.getLong("total"), row.getLong("processed"), row.getLong("imported"),
                row.getLong("skipped"), List.of()), id).stream().findFirst();
        return job.map(found -> found.withErrors(jdbc.query(
                "select line, code, message from import_error where import_id = ? order by line",
                (row, n) -> new ImportStatus.Error(row.getLong("line"), row.getString("code"), row.getString("message")), id)));
    }

    Optional<String> ownerOf(UUID id) {
        return jdbc.queryForList("select owner from import_job where id = ?", String.class, id).stream().findFirst();
    }

    /**
     * Takes up a running job that nobody works (its worker's last sign of life is older than the claim timeout, by
     * the database's clock), oldest first.
     */
    Optional<Claimed> claim(UUID worker) {
        return jdbc.query("""
                        update import_job set worker = ?, heartbeat_at = now(), attempts = attempts + 1
                        where id = (select id from import_job where status = 'RUNNING'
                                      and (heartbeat_at is null or heartbeat_at < now() - ? * interval '1 millisecond')
                                    order by created_at limit 1 for update skip locked)
                        returning id, owner, last_line, attempts, error_count""",
                (row, n) -> new Claimed(row.getObject("id", UUID.class), row.getString("owner"), row.getLong("last_line"),
                        row.getInt("attempts"), row.getLong("error_count")), worker, claimTimeout.toMillis()).stream().findFirst();
    }

    List<ImportRow> rowsAfter(UUID id, long line, int limit) {
        return jdbc.query("select * from import_row where import_id = ? and line > ? order by line limit ?", ROW, id, line, limit);
    }

    /**
     * Counts the rows up to {@code lastLine} as done, as this worker's sign of life. False when another worker took
     * the job over meanwhile (or it ended): the caller must then roll back what it did.
     */
    boolean advance(UUID id, UUID worker, long lastLine, long imported, long skipped, List<ImportStatus.Error> errors,
                    long errorsSoFar) {
        List<ImportStatus.Error> kept = errors.stream().limit(Math.max(0, MAX_ERRORS - errorsSoFar)).toList();
        boolean ours = jdbc.update("""
                        update import_job set last_line = ?, processed = processed + ?, imported = imported + ?,
                               skipped = skipped + ?, error_count = error_count + ?, heartbeat_at = now()
                        where id = ? and worker = ? and status = 'RUNNING'""",
                lastLine, imported + skipped, imported, skipped, errors.size(), id, worker) == 1;
        if (ours && !kept.isEmpty()) {
            jdbc.batchUpdate("insert into import_error (import_id, line, code, message) values (?, ?, ?, ?) on conflict do nothing",
                    kept, kept.size(), (statement, error) -> {
                        statement.setObject(1, id);
                        statement.setLong(2, error.line());
                        statement.setString(3, error.code());
                        statement.setString(4, error.message());
                    });
        }
        return ours;
    }

    /** Ends the job; its rows are no longer needed. */
    void finish(UUID id, UUID worker, String status, String failure) {
        if (jdbc.update("update import_job set status = ?, failure = ?, finished_at = now() where id = ? and worker = ? and status = 'RUNNING'",
                status, failure, id, worker) == 1) {
            jdbc.update("delete from import_row where import_id = ?", id);
        }
    }

    /** Rows without a code: by fingerprint, the codes earlier imports gave rows with the same content. */
    Map<String, String> codesOfOrigin(String owner, Collection<String> fingerprints) {
        Map<String, String> codes = new HashMap<>();
        jdbc.query("select fingerprint, code from import_origin where owner = ? and fingerprint = any (?)",
                (RowCallbackHandler) row -> codes.put(row.getString("fingerprint"), row.getString("code")),
                owner, fingerprints.toArray(String[]::new));
        return codes;
    }

    void rememberOrigins(String owner, Map<String, String> codesByFingerprint) {
        jdbc.batchUpdate("insert into import_origin (owner, fingerprint, code) values (?, ?, ?)"
                        + " on conflict (owner, fingerprint) do update set code = excluded.code",
                codesByFingerprint.entrySet().stream().map(origin -> new Object[]{owner, origin.getKey(), origin.getValue()}).toList());
    }

    /**
     * Which of the codes have a stream in the event store: a link, a reservation or anything else under that name.
     * Read from the event store's table, which this side's migrations own.
     */
    Set<String> codesWithStreams(Collection<String> codes) {
        return new HashSet<>(jdbc.queryForList("select distinct aggregate_identifier from domain_event_entry"
                + " where aggregate_identifier = any (?)", String.class, (Object) codes.toArray(String[]::new)));
    }

    record Claimed(UUID id, String owner, long lastLine, int attempts, long errorCount) {
    }
}
