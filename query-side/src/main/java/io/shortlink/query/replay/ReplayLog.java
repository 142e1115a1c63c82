package io.shortlink.query.replay;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The replays in PostgreSQL (see the V2026.11.25.41 and V2026.12.02.1 migrations): what the admin API and the CLI list
 * after a restart, on any instance; and which processors are being replayed, by any instance.
 */
@Repository
class ReplayLog {

    private static final String COLUMNS = "id, projection, accept_differences, verify_only, status, processed, total,"
            + " started_at, finished_at, error, differences";
    private static final RowMapper<Replay> REPLAY = (row, number) -> new Replay(new ReplayStatus(
            row.getString("id"), row.getString("projection"), row.getBoolean("verify_only"), row.getString("status"), row.getLong("processed"),
            row.getLong("total"), 0, 0, row.getTimestamp("started_at").toInstant(), instant(row.getTimestamp("finished_at")),
            row.getString("error"), List.of((String[]) row.getArray("differences").getArray())),
            row.getBoolean("accept_differences"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    ReplayLog(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Saves a new replay of {@code processingGroups}, unless a running replay of any instance replays one of them.
     * Starts take turns (a table lock that only other starts and writes of this table wait for), so two instances
     * cannot both find a processor free; replays abandoned for {@code abandonedAfter} are failed first.
     *
     * @return the processing groups being replayed already; empty when the replay is saved
     */
    Set<String> saveUnlessBusy(Replay replay, Set<String> processingGroups, Instant now, Duration abandonedAfter) {
        return transactions.execute(status -> {
            jdbc.execute("lock table replay in share row exclusive mode");
            failAbandoned(abandonedAfter);
            String[] groups = processingGroups.toArray(String[]::new);
            Set<String> busy = new TreeSet<>(jdbc.queryForList("select distinct busy from replay, unnest(processing_groups) busy"
                    + " where status = 'RUNNING' and busy = any (?::text[])", String.class, (Object) groups));
            if (busy.isEmpty()) {
                save(replay, now);
                jdbc.update("update replay set processing_groups = ?::text[] where id = ?", groups, replay.id());
            }
            return busy;
        });
    }

    /**
     * Saves the replay as it stands now, and with it a sign of life. A replay that has ended stays as it ended: the
     * progress saver may write a status it read just before the end after the final one; and a replay that another
     * instance failed as abandoned stays failed.
     *
     * @return whether the replay was saved: {@code false} when its saved status had ended already
     */
    boolean save(Replay replay, Instant now) {
        ReplayStatus status = replay.status(now);
        return 0 < jdbc.update("insert into replay (" + COLUMNS + ", heartbeat_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())"
                        + " on conflict (id) do update set status = excluded.status, processed = excluded.processed,"
                        + " total = excluded.total, finished_at = excluded.finished_at, error = excluded.error,"
                        + " differences = excluded.differences, heartbeat_at = now() where replay.status = 'RUNNING'",
                statement -> {
                    statement.setString(1, status.id());
                    statement.setString(2, status.projection());
                    statement.setBoolean(3, replay.acceptsDifferences());
                    statement.setBoolean(4, status.verifyOnly());
                    statement.setString(5, status.status());
                    statement.setLong(6, status.processed());
                    statement.setLong(7, status.total());
                    statement.setTimestamp(8, Timestamp.from(status.startedAt()));
                    statement.setTimestamp(9, status.finishedAt() == null ? null : Timestamp.from(status.finishedAt()));
                    statement.setString(10, status.error());
                    statement.setArray(11, statement.getConnection().createArrayOf("text", status.differences().toArray()));
                });
    }

    Optional<Replay> find(String id) {
        return jdbc.query("select " + COLUMNS + " from replay where id = ?", REPLAY, id).stream().findFirst();
    }

    /** The latest replays, newest first. */
    List<Replay> latest(int limit) {
        return jdbc.query("select " + COLUMNS + " from replay order by started_at desc, id limit ?", REPLAY, limit);
    }

    /**
     * Ends as failed the running replays that showed no sign of life for {@code abandonedAfter}: a stop or a crash of
     * their instance interrupted them (or it stalls, and then must stop: {@link #save} tells it).
     */
    int failAbandoned(Duration abandonedAfter) {
        return jdbc.update("update replay set status = 'FAILED', finished_at = now(), error = 'Interrupted: its instance"
                        + " stopped, or showed no sign of life for " + abandonedAfter.toSeconds() + " s, before the replay ended'"
                        + " where status = 'RUNNING' and heartbeat_at < now() - make_interval(secs => ?)",
                abandonedAfter.toMillis() / 1000.0);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
