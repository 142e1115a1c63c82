package io.shortlink.query;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.ConnectionInfo;
import io.zonky.test.db.postgres.embedded.DatabasePreparer;
import io.zonky.test.db.postgres.embedded.PreparedDbProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/**
 * A database of its own for each test, with the query side's tables, on a real PostgreSQL. One embedded server serves
 * the whole test JVM (zonky's {@link PreparedDbProvider}, which keeps a server per preparer); its template database is
 * migrated once, so each test's database is a copy of it, made ahead in the background and dropped after the test.
 * Its connections are pooled, as in the application. Register it on a static field:
 * {@code @RegisterExtension static final FreshDatabase database = new FreshDatabase();}
 */
public final class FreshDatabase implements BeforeEachCallback, AfterEachCallback {

    /** The same instance every time: the provider keeps one server per preparer. */
    private static final DatabasePreparer MIGRATED = template -> migrations(template).load().migrate();

    private ConnectionInfo current;
    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;

    /** The query side's migrations, in the history table the application uses, not yet run. */
    public static FluentConfiguration migrations(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/query").table("flyway_history_query");
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        PreparedDbProvider provider = PreparedDbProvider.forPreparer(MIGRATED);
        current = provider.createNewDatabase();
        dataSource = new HikariDataSource();
        dataSource.setDataSource(provider.createDataSourceFromConnectionInfo(current));
        dataSource.setMinimumIdle(1);
        dataSource.setMaximumPoolSize(4);
        jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        dataSource.close();
        PGSimpleDataSource server = new PGSimpleDataSource();
        server.setPortNumber(current.getPort());
        server.setUser(current.getUser());
        server.setDatabaseName("postgres");
        new JdbcTemplate(server).execute("drop database " + current.getDbName() + " with (force)");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Transactions on this test's database, as the processors and the reads open them. */
    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }
}
