package io.shortlink.query.catalog;

import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkStatus;
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
import java.util.regex.Pattern;

/**
 * The link catalog table in PostgreSQL, written by {@link LinkCatalogProjection}: the live table {@value #LIVE_TABLE},
 * or, during a replay, the new generation's table.
 */
@Repository
class LinkCatalog {

    static final String LIVE_TABLE = "link_catalog";

    private static final String COLUMNS = "code, url, owner, created_at, expires_at, redirect_type, status, max_visits,"
            + " forward_query, tags, title";
    private static final RowMapper<CatalogEntry> ENTRY = (row, number) -> new CatalogEntry(
            row.getString("code"), row.getString("url"), row.getString("owner"),
            row.getTimestamp("created_at").toInstant(), instant(row.getTimestamp("expires_at")),
            row.getInt("redirect_type"), LinkStatus.valueOf(row.getString("status")), (Integer) row.getObject("max_visits"),
            row.getBoolean("forward_query"), List.of((String[]) row.getArray("tags").getArray()), row.getString("title"));
    /** Tags hold no comma ({@code [a-z0-9-]}): they travel to PostgreSQL as one comma-separated string. */
    private static final String TAGS = "string_to_array(?, ',')";
    /** The predicate of the partial indexes on the owner's links: a query must spell it the same to use them. */
    private static final String NOT_DELETED = "status <> '" + LinkStatus.DELETED + "'";
    /**
     * What a search looks in: code, target URL and title, one per line. A search text holds no line break, so it
     * never matches across two of them. The expression is exactly that of the trigram index link_catalog_search.
     */
    static final String SEARCHED = "(code::text || E'\\n' || url || E'\\n' || coalesce(title, ''))";
    /** LIKE's wildcards and its escape character (the backslash), matched literally when escaped. */
    private static final Pattern LIKE_WILDCARD = Pattern.compile("[\\\\%_]");

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
        writes().adds.add(new Object[]{entry.code(), entry.url(), entry.owner(), Timestamp.from(entry.createdAt()),
                timestamp(entry.expiresAt()), entry.redirectType(), entry.status().name(), entry.maxVisits(), entry.forwardQuery(),
                String.join(",", entry.tags()), entry.title()});
    }

    /** Every setting as the change carries it; the status is left to the link's own events. */
    void changeSettings(LinkChanged change) {
        writes().settingChanges.add(new Object[]{change.url(), timestamp(change.expiresAt()), change.redirectType(),
                change.maxVisits(), change.forwardQuery(), String.join(",", change.tags()), change.title(), change.code()});
    }

    void changeStatus(String code, LinkStatus status) {
        writes().statusChanges.add(new Object[]{status.name(), code});
    }

    /**
     * The statements of one batch of events, by kind, each kind in the order of its events. Running the kinds one
     * after the other is the same as running the events in order: a link is added before any change of it, and the
     * two kinds of change set different columns.
     */
    private static final class Writes {
        final List<Object[]> adds = new ArrayList<>();
        final List<Object[]> settingChanges = new ArrayList<>();
        final List<Object[]> statusChanges = new ArrayList<>();
    }

    /** The writes of the processor's batch in progress, which {@link #execute} sends when it commits. */
    private Writes writes() {
        return BatchWrites.current(LinkCatalog.class.getName() + ":" + table, Writes::new, this::execute);
    }

    /** Each kind as one JDBC batch: one round trip. */
    private void execute(Writes writes) {
        batch("insert into " + table + " (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, " + TAGS + ", ?)"
                + " on conflict (code) do nothing", writes.adds);
        batch("update " + table + " set url = ?, expires_at = ?, redirect_type = ?, max_visits = ?, forward_query = ?,"
                + " tags = " + TAGS + ", title = ? where code = ?", writes.settingChanges);
        batch("update " + table + " set status = ? where code = ?", writes.statusChanges);
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }

    Optional<CatalogEntry> find(String code) {
        return jdbc.query("select " + COLUMNS + " from " + table + " where code = ?", ENTRY, code).stream().findFirst();
    }

    /** The owner's links that are not deleted and pass {@code filter}, newest first. */
    List<CatalogEntry> ofOwner(String owner, LinkFilter filter, long offset, int limit) {
        return jdbc.query("select " + COLUMNS + " from " + table + ownersLinks(filter)
                + " order by created_at desc, code desc offset ? limit ?", ENTRY, ownersLinksArguments(owner, filter, offset, limit));
    }

    /**
     * The owner's links that are not deleted, newest first, from just after {@code after} (null: from the newest):
     * a page of a walk through all of them by the key of the owner index, each page as cheap as the first.
     */
    List<CatalogEntry> ofOwnerAfter(String owner, CatalogEntry after, int limit) {
        if (after == null) {
            return ofOwner(owner, LinkFilter.NONE, 0, limit);
        }
        return jdbc.query("select " + COLUMNS + " from " + table + " where owner = ? and " + NOT_DELETED
                        + " and (created_at, code) < (?, ?) order by created_at desc, code desc limit ?",
                ENTRY, owner, Timestamp.from(after.createdAt()), after.code(), limit);
    }

    long countOfOwner(String owner, LinkFilter filter) {
        Long count = jdbc.queryForObject("select count(*) from " + table + ownersLinks(filter), Long.class,
                ownersLinksArguments(owner, filter));
        return count == null ? 0 : count;
    }

    private static String ownersLinks(LinkFilter filter) {
        return " where owner = ? and " + NOT_DELETED
                + (filter.tag() == null ? "" : " and tags @> array[?]::text[]")
                + (filter.text() == null ? "" : " and " + SEARCHED + " ilike ?");
    }

    private static Object[] ownersLinksArguments(String owner, LinkFilter filter, Object... more) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(owner);
        if (filter.tag() != null) {
            arguments.add(filter.tag());
        }
        if (filter.text() != null) {
            arguments.add("%" + LIKE_WILDCARD.matcher(filter.text()).replaceAll("\\\\$0") + "%");
        }
        arguments.addAll(List.of(more));
        return arguments.toArray();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
