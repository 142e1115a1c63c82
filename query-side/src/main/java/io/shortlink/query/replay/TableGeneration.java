package io.shortlink.query.replay;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A new generation of a projection kept in PostgreSQL tables: each live table {@code t} gets a twin
 * {@code t}{@value #NEXT}, shaped like it, for the rebuilt rows. The twin starts with only the unique indexes the
 * projection's upserts need; the others (a trigram index made inserting the catalog's history five times slower) are
 * built once the history is in. The switch renames all the tables and their indexes in one transaction, so the live
 * indexes keep their names: readers wait for it for a moment and then read the new tables; PostgreSQL re-plans
 * prepared statements after a rename, so nothing else has to know.
 */
public final class TableGeneration implements ProjectionGeneration {

    /** Appended to a live table's name to name its twin in the generation being built. */
    public static final String NEXT = "_next";
    private static final String REPLACED = "_replaced";

    /** A live table of the projection, and the columns of its primary key, which pair up the rows of two generations. */
    public record Table(String name, List<String> key) {
    }

    /** An index of a live table, as {@code pg_get_indexdef} gives it, and whether it is unique. */
    private record Index(String table, String name, String definition, boolean primary, boolean unique) {

        private static final Pattern DEFINITION = Pattern.compile("CREATE (?:UNIQUE )?INDEX \\S+ ON (?:ONLY )?\\S+ (USING .+)", Pattern.DOTALL);

        /** The same index on the table's twin, its name ending like the twin's. */
        String twinDefinition() {
            Matcher parts = DEFINITION.matcher(definition);
            if (!parts.matches()) {
                throw new IllegalStateException("Cannot read the definition of index " + name + ": " + definition);
            }
            return "create " + (unique ? "unique " : "") + "index " + name + NEXT + " on " + table + NEXT + " " + parts.group(1);
        }
    }

    private final String projection;
    private final List<Table> tables;
    private final List<Index> indexes;
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
        this.indexes = this.tables.stream().flatMap(table -> jdbc.query("select i.relname, pg_get_indexdef(x.indexrelid),"
                        + " x.indisprimary, x.indisunique from pg_index x join pg_class i on i.oid = x.indexrelid"
                        + " where x.indrelid = ?::regclass order by i.relname",
                (row, n) -> new Index(table.name(), row.getString(1), row.getString(2), row.getBoolean(3), row.getBoolean(4)),
                table.name()).stream()).toList();
        transactions.executeWithoutResult(status -> {
            this.tables.forEach(table -> {
                jdbc.execute("drop table if exists " + table.name() + NEXT);
                jdbc.execute("create table " + table.name() + NEXT + " (like " + table.name() + " including all excluding indexes)");
            });
            indexes.stream().filter(Index::unique).forEach(this::createOnTwin);
        });
    }

    private void createOnTwin(Index index) {
        jdbc.execute(index.twinDefinition());
        if (index.primary()) {
            jdbc.execute("alter table " + index.table() + NEXT + " add constraint " + index.name() + NEXT
                    + " primary key using index " + index.name() + NEXT);
        }
    }

    /** Builds the indexes that only reading needs, in one pass over the rebuilt rows instead of one entry per insert. */
    @Override
    public void completeForReading() {
        indexes.stream().filter(index -> !index.unique()).forEach(this::createOnTwin);
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
        transactions.executeWithoutResult(status -> {
            tables.forEach(table -> {
                jdbc.execute("drop table if exists " + table.name() + REPLACED);
                jdbc.execute("alter table " + table.name() + " rename to " + table.name() + REPLACED);
                jdbc.execute("alter table " + table.name() + NEXT + " rename to " + table.name());
            });
            // Renaming the index of a primary key renames the constraint with it.
            indexes.forEach(index -> {
                jdbc.execute("alter index " + index.name() + " rename to " + index.name() + REPLACED);
                jdbc.execute("alter index " + index.name() + NEXT + " rename to " + index.name());
            });
        });
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
