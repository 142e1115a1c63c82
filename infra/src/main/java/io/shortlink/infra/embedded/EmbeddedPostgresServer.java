package io.shortlink.infra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL 17 from the zonky binaries resolved through Maven. As root, zonky runs initdb and postgres inside a user
 * namespace ({@code unshare -U}), where they are not root, since PostgreSQL refuses to run as root.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "shortlink";
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer start(Path dataDir, int port, boolean durable) throws IOException, InterruptedException, SQLException {
        Files.createDirectories(dataDir.getParent());
        Leftovers.stop(dataDir.resolve("postmaster.pid"), "INT");
        String sync = durable ? "on" : "off";
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setServerConfig("fsync", sync)
                .setServerConfig("synchronous_commit", sync)
                .setServerConfig("full_page_writes", sync)
                .setServerConfig("max_connections", "200")
                // PostgreSQL's default of 128 MB is less than the stats tables of a million clicks with their indexes,
                // twice over during a replay (docs/benchmarks.md); the memory is taken only as pages are used.
                .setServerConfig("shared_buffers", "512MB")
                .start();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
        server.createDatabaseIfMissing();
        return server;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("create database " + DATABASE);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
