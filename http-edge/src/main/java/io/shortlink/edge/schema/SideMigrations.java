package io.shortlink.edge.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each side keeps its own migration history, {@code flyway_history_<side>}, of the scripts in its own location, so
 * that either side can be started, upgraded and scaled without the other (ADR 0060). The combined application
 * migrates both sides in turn, in the order of their names.
 * <p>
 * Releases before this split kept one history for both sides in {@value #SHARED_HISTORY}: a side that finds no
 * history of its own takes over its rows from there (the other side's rows, and the shared table, stay as they are).
 * All of it runs under one PostgreSQL advisory lock, so that instances starting at the same moment migrate one at a
 * time.
 */
public final class SideMigrations implements FlywayMigrationStrategy {

    static final String SHARED_HISTORY = "flyway_schema_history";
    /** Any number of ours will do, as long as no one else takes the same advisory lock. */
    private static final long MIGRATION_LOCK = 0x53686f72746c6eL;

    private final Map<String, String> locationsBySide;

    /** @param locationsBySide each side's name and the location of its migration scripts */
    public SideMigrations(Map<String, String> locationsBySide) {
        this.locationsBySide = new TreeMap<>(locationsBySide);
    }

    static String historyTable(String side) {
        return "flyway_history_" + side;
    }

    @Override
    public void migrate(Flyway configured) {
        DataSource dataSource = configured.getConfiguration().getDataSource();
        try (Connection lockHolder = dataSource.getConnection()) {
            JdbcTemplate lock = new JdbcTemplate(new SingleConnectionDataSource(lockHolder, true));
            lock.execute("select pg_advisory_lock(" + MIGRATION_LOCK + ")");
            try {
                locationsBySide.forEach((side, location) -> migrate(configured, side, location));
            } finally {
                lock.execute("select pg_advisory_unlock(" + MIGRATION_LOCK + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not migrate the database", e);
        }
    }

    private static void migrate(Flyway configured, String side, String location) {
        Flyway flyway = Flyway.configure(configured.getConfiguration().getClassLoader())
                .configuration(configured.getConfiguration())
                .locations(location)
                .table(historyTable(side))
                // The schema holds the other side's tables: a side's first history starts below its first script.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        takeOverSharedHistory(flyway, side);
        flyway.migrate();
    }

    /** Copies this side's rows of the shared history of an older release into its own history, once. */
    private static void takeOverSharedHistory(Flyway flyway, String side) {
        JdbcTemplate jdbc = new JdbcTemplate(flyway.getConfiguration().getDataSource());
        if (exists(jdbc, historyTable(side)) || !exists(jdbc, SHARED_HISTORY)) {
            return;
        }
        List<String> scripts = Arrays.stream(flyway.info().all()).map(MigrationInfo::getScript).toList();
        jdbc.execute("create table " + historyTable(side) + " (like " + SHARED_HISTORY + " including all)");
        if (!scripts.isEmpty()) {
            jdbc.update("insert into " + historyTable(side) + " select * from " + SHARED_HISTORY
                    + " where script = any (?)", (Object) scripts.toArray(String[]::new));
        }
    }

    private static boolean exists(JdbcTemplate jdbc, String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class, table));
    }
}
