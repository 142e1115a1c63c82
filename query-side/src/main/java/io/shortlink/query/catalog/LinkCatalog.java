package io.shortlink.query.catalog;

import io.shortlink.query.processing.BatchWrites;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The link catalog table in PostgreSQL, written by {@link LinkCatalogProjection}: the live table {@value #LIVE_TABLE},
 * or, during a replay, the new generation's table.
 */
@Repository
class LinkCatalog {

    static final String LIVE_TABLE = "link_catalog";

    private static final String COLUMNS = "code, url, owner, created_at, expires_at, redirect_type, status";
    private static final RowMapper<CatalogEntry> ENTRY = (row, number) -> new CatalogEntry(
            row.getString("code"), row.getString("url"), row.getString("owner"),
            row.getTimestamp("created_at").toInstant(), instant(row.getTimestamp("expires_at")),
            row.getInt("redirect_type"), row.getString("status"));

    private final JdbcTemplate jdbc;
    private final String table;

    @Autowired
    LinkCatalog(JdbcTemplate jdbc) {
        this(jdbc, LIVE_TABLE);
    }

    LinkCatalog(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** Adds a new link; a link that is there already (the event arrived twice) keeps what later events made of it. */
    void add(CatalogEntry entry) {
        write("insert into " + table + " (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing",
                entry.code(), entry.url(), entry.owner(), Timestamp.from(entry.createdAt()), timestamp(entry.expiresAt()),
                entry.redirectType(), entry.status());
    }

    void changeTarget(String code, String url, Instant expiresAt, int redirectType) {
        write("update " + table + " set url = ?, expires_at = ?, redirect_type = ? where code = ?",
                url, timestamp(expiresAt), redirectType, code);
    }

    void changeStatus(String code, String status) {
        write("update " + table + " set status = ? where code = ?", status, code);
    }

    private record Statement(String sql, Object[] arguments) {
    }

    /** Gathers the statement in the processor's batch, which {@link #execute} sends when it commits. */
    private void write(String sql, Object... arguments) {
        BatchWrites.<List<Statement>>current(LinkCatalog.class.getName() + ":" + table, ArrayList::new, this::execute)
                .add(new Statement(sql, arguments));
    }

    /** In their order; each run of the same statement goes as one JDBC batch, one round trip. */
    private void execute(List<Statement> statements) {
        int from = 0;
        while (from < statements.size()) {
            String sql = statements.get(from).sql();
            int to = from;
            List<Object[]> run = new ArrayList<>();
            while (to < statements.size() && statements.get(to).sql().equals(sql)) {
                run.add(statements.get(to++).arguments());
            }
            jdbc.batchUpdate(sql, run);
            from = to;
        }
    }

    Optional<CatalogEntry> find(String code) {
        return jdbc.query("select " + COLUMNS + " from " + table + " where code = ?", ENTRY, code).stream().findFirst();
    }

    /** The owner's links that are not deleted, newest first. */
    List<CatalogEntry> ofOwner(String owner, long offset, int limit) {
        return jdbc.query("select " + COLUMNS + " from " + table + " where owner = ? and status <> 'DELETED'"
                + " order by created_at desc, code desc offset ? limit ?", ENTRY, owner, offset, limit);
    }

    long countOfOwner(String owner) {
        Long count = jdbc.queryForObject("select count(*) from " + table + " where owner = ? and status <> 'DELETED'", Long.class, owner);
        return count == null ? 0 : count;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
