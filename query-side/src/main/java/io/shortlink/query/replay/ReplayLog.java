package io.shortlink.query.replay;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The replays in PostgreSQL (see the V2026.11.25.41 migration): what the admin API and the CLI list after a restart. */
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

    ReplayLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Saves the replay as it stands now. A replay that has ended stays as it ended: the progress saver may write a
     * status it read just before the end after the final one.
     */
    void save(Replay replay, Instant now) {
        ReplayStatus status = replay.status(now);
        jdbc.update("insert into replay (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (id) do update set status = excluded.status, processed = excluded.processed,"
                        + " total = excluded.total, finished_at = excluded.finished_at, error = excluded.error,"
                        + " differences = excluded.differences where replay.status = 'RUNNING'",
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

    /** Ends as failed the replays that a stop or a crash of the service interrupted. */
    int failInterrupted(String why, Instant at) {
        return jdbc.update("update replay set status = 'FAILED', error = ?, finished_at = ? where status = 'RUNNING'",
                why, Timestamp.from(at));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
