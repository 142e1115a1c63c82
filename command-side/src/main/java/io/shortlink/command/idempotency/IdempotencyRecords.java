package io.shortlink.command.idempotency;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency keys in PostgreSQL, shared by every instance and kept across restarts. The first request claims its
 * key by inserting the row in its own transaction; the primary key makes every concurrent duplicate's claim wait for
 * that transaction, and then find the row with the first one's response.
 */
@Repository
public class IdempotencyRecords {

    static final Duration RETENTION = Duration.ofHours(24);

    /** A claimed key whose request never finished (its instance died) is given up after this long. */
    private final Duration abandonedAfter;
    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    public IdempotencyRecords(JdbcTemplate jdbc, @Value("${shortlink.idempotency.abandoned-after:PT1M}") Duration abandonedAfter) {
        this.jdbc = jdbc;
        this.abandonedAfter = abandonedAfter;
    }

    /** The stored response of a finished request. */
    record StoredResponse(int status, String contentType, String location, byte[] body) {
    }

    /** What is known about a key: whose request claimed it, and its response once there is one. */
    record Existing(String requestHash, Optional<StoredResponse> response) {
    }

    /** Claims the key for a request; true when this request is the first (within the retention) to use it. */
    boolean claim(String scope, String key, String requestHash) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("delete from idempotency_record where scope = ? and idempotency_key = ?"
                        + " and (created_at < ? or (response_status is null and created_at < ?))",
                scope, key, Timestamp.from(now.toInstant().minus(RETENTION)), Timestamp.from(now.toInstant().minus(abandonedAfter)));
        return jdbc.update("insert into idempotency_record (scope, idempotency_key, request_hash, created_at) values (?, ?, ?, ?)"
                + " on conflict do nothing", scope, key, requestHash, now) == 1;
    }

    /** The key's record, unless it has expired or was claimed by a request that never finished (see {@link #claim}). */
    Optional<Existing> find(String scope, String key) {
        Instant now = clock.instant();
        List<Existing> rows = jdbc.query("select request_hash, response_status, response_type, response_location, response_body"
                        + " from idempotency_record where scope = ? and idempotency_key = ?"
                        + " and created_at >= ? and (response_status is not null or created_at >= ?)",
                (row, n) -> {
                    int status = row.getInt("response_status");
                    Optional<StoredResponse> response = row.wasNull() ? Optional.empty() : Optional.of(new StoredResponse(status,
                            row.getString("response_type"), row.getString("response_location"), row.getBytes("response_body")));
                    return new Existing(row.getString("request_hash"), response);
                }, scope, key, Timestamp.from(now.minus(RETENTION)), Timestamp.from(now.minus(abandonedAfter)));
        return rows.stream().findFirst();
    }

    void complete(String scope, String key, StoredResponse response) {
        jdbc.update("update idempotency_record set response_status = ?, response_type = ?, response_location = ?, response_body = ?"
                        + " where scope = ? and idempotency_key = ?",
                response.status(), response.contentType(), response.location(), response.body(), scope, key);
    }

    @Scheduled(fixedDelayString = "PT10M")
    void removeExpired() {
        jdbc.update("delete from idempotency_record where created_at < ?", Timestamp.from(clock.instant().minus(RETENTION)));
    }
}
