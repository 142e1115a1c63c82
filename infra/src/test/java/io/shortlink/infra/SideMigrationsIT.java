package io.shortlink.infra;

import io.shortlink.edge.schema.SideMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each side migrates with a history of its own, alone or together, on a fresh database and on one that an older
 * release migrated with a single history for both sides — against a real PostgreSQL.
 */
class SideMigrationsIT {

    private static final String COMMAND = "classpath:db/migration/command";
    private static final String QUERY = "classpath:db/migration/query";

    private EmbeddedPostgres postgres;
    private DataSource database;
    private JdbcTemplate jdbc;

    @BeforeEach
    void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        database = postgres.getPostgresDatabase();
        jdbc = new JdbcTemplate(database);
    }

    @AfterEach
    void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void eachSideKeepsItsOwnHistoryOnAFreshDatabase() {
        migrate(Map.of("command", COMMAND, "query", QUERY));

        assertThat(versions("flyway_history_command")).containsExactly("2026.11.25.1", "2026.11.25.20", "2026.11.25.30",
                "2026.11.25.31", "2026.11.25.32", "2026.12.02.73");
        assertThat(versions("flyway_history_query")).startsWith("2026.11.25.2", "2026.11.25.21", "2026.11.25.33");
        assertThat(tableExists("flyway_schema_history")).isFalse();
    }

    @Test
    void eitherSideStartsAloneOnADatabaseOfTheOlderReleaseAndKeepsItsData() {
        // What releases before the split did: one history of both sides' scripts.
        Flyway.configure().dataSource(database).locations(COMMAND, QUERY).load().migrate();
        jdbc.update("insert into link_catalog (code, url, redirect_type, status, created_at) values ('kept', 'https://example.com/kept', 302, 'ACTIVE', now())");
        List<Map<String, Object>> shared = jdbc.queryForList("select installed_rank, version, checksum from flyway_schema_history order by installed_rank");

        migrate(Map.of("query", QUERY));
        assertThat(versions("flyway_history_query")).startsWith("2026.11.25.2", "2026.11.25.21");
        assertThat(tableExists("flyway_history_command")).isFalse();
        migrate(Map.of("command", COMMAND));
        migrate(Map.of("command", COMMAND, "query", QUERY));

        List<Map<String, Object>> split = jdbc.queryForList("select installed_rank, version, checksum from flyway_history_command"
                + " union all select installed_rank, version, checksum from flyway_history_query order by installed_rank");
        assertThat(split).as("every row of the shared history, in one side's history or the other's, once").isEqualTo(shared);
        assertThat(jdbc.queryForObject("select url from link_catalog where code = 'kept'", String.class)).isEqualTo("https://example.com/kept");
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history", Integer.class)).isEqualTo(shared.size());
    }

    private void migrate(Map<String, String> locationsBySide) {
        new SideMigrations(locationsBySide).migrate(Flyway.configure().dataSource(database).load());
    }

    private List<String> versions(String history) {
        return jdbc.queryForList("select version from " + history + " where type <> 'BASELINE' order by installed_rank", String.class);
    }

    private boolean tableExists(String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class, table));
    }
}
