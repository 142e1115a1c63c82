package io.shortlink.query.replay;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A new generation of a projection kept in PostgreSQL tables: each live table {@code t} gets a twin
 * {@code t}{@value #NEXT}, shaped like it, for the rebuilt rows. The switch renames all the tables in one transaction:
 * readers wait for it for a moment and then read the new tables; PostgreSQL re-plans prepared statements after a
 * rename, so nothing else has to know.
 */
public final class TableGeneration implements ProjectionGeneration {

    /** Appended to a live table's name to name its twin in the generation being built. */
    public static final String NEXT = "_next";
    private static final String REPLACED = "_replaced";

    /** A live table of the projection, and the columns of its primary key, which pair up the rows of two generations. */
    public record Table(String name, List<String> key) {
    }

    private final String projection;
    private final List<Table> tables;
    private final Object eventHandler;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    /**
     * Creates the empty twins of {@code tables} (dropping any left by an interrupted replay).
     *
     * @param eventHandler the projection, writing into the tables named with {@value #NEXT}
     */
    public TableGeneration(String projection, List<Table> tables, Object eventHandler, JdbcTemplate jdbc,
                           TransactionTemplate transactions) {
        this.projection = projection;
        this.tables = List.copyOf(tables);
        this.eventHandler = eventHandler;
        this.jdbc = jdbc;
        this.transactions = transactions;
        transactions.executeWithoutResult(status -> this.tables.forEach(table -> {
            jdbc.execute("drop table if exists " + table.name() + NEXT);
            jdbc.execute("create table " + table.name() + NEXT + " (like " + table.name() + " including all)");
        }));
    }

    @Override
    public Object eventHandler() {
        return eventHandler;
    }

    /** Row by row, each table with its twin, paired by primary key: rows on one side only count too. */
    @Override
    public List<String> differencesFromLive(int limit) {
        List<String> differences = new ArrayList<>();
        for (Table table : tables) {
            if (differences.size() >= limit) {
                break;
            }
            String pairs = table.key().stream().map(column -> "live." + column + " = rebuilt." + column)
                    .collect(Collectors.joining(" and "));
            String firstKey = table.key().get(0);
            differences.addAll(jdbc.query("select case when live." + firstKey + " is null then 'missing' else row(live.*)::text end as live,"
                            + " case when rebuilt." + firstKey + " is null then 'missing' else row(rebuilt.*)::text end as rebuilt"
                            + " from " + table.name() + " live full join " + table.name() + NEXT + " rebuilt on " + pairs
                            + " where row(live.*) is distinct from row(rebuilt.*)"
                            + " order by " + table.key().stream().map(key -> "coalesce(live." + key + ", rebuilt." + key + ")")
                            .collect(Collectors.joining(", ")) + " limit ?",
                    (row, number) -> projection + " " + table.name() + ": live " + row.getString("live")
                            + ", rebuilt " + row.getString("rebuilt"),
                    limit - differences.size()));
        }
        return differences;
    }

    @Override
    public void makeLive() {
        transactions.executeWithoutResult(status -> tables.forEach(table -> {
            jdbc.execute("drop table if exists " + table.name() + REPLACED);
            jdbc.execute("alter table " + table.name() + " rename to " + table.name() + REPLACED);
            jdbc.execute("alter table " + table.name() + NEXT + " rename to " + table.name());
        }));
    }

    @Override
    public void dropReplaced() {
        tables.forEach(table -> jdbc.execute("drop table if exists " + table.name() + REPLACED));
    }

    @Override
    public void discard() {
        tables.forEach(table -> jdbc.execute("drop table if exists " + table.name() + NEXT));
    }
}
