package io.shortlink.edge.problem;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises "the database cannot be reached" however it surfaces: Spring's translated exceptions, raw JDBC
 * connection errors, a pooled connection that died under the request (after a database restart the first statement
 * on it fails, and Axon swallows that first error), or any other JDBC failure while the database does not answer.
 * The transaction was rolled back in each case, so the client may simply retry.
 */
public class StorageFailures {

    /** SQLSTATE class 08 is "connection exception"; 57P01–57P03 are the server shutting down or starting up. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final String SERVER_SHUTDOWN_CLASS = "57P";
    private static final int PROBE_TIMEOUT_SECONDS = 1;
    /** HikariCP's answer for a pooled connection it evicted after the server dropped it (it carries no SQLSTATE). */
    private static final String EVICTED_CONNECTION = "Connection is closed";

    private final DataSource dataSource;

    public StorageFailures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    boolean isUnavailable(Throwable failure) {
        boolean jdbcFailure = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLException sql
                    && (isConnectionState(sql.getSQLState()) || EVICTED_CONNECTION.equals(sql.getMessage()))) {
                return true;
            }
            jdbcFailure |= cause instanceof SQLException;
        }
        return jdbcFailure && !databaseAnswers();
    }

    /** After the database went away every pooled connection is dead: let the pool replace them all at once. */
    void renewPooledConnections() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
                if (pool.getHikariPoolMXBean() != null) {
                    pool.getHikariPoolMXBean().softEvictConnections();
                }
            }
        } catch (SQLException notAPool) {
            // nothing to renew
        }
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(PROBE_TIMEOUT_SECONDS);
        } catch (SQLException unreachable) {
            return false;
        }
    }

    private static boolean isConnectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith(CONNECTION_EXCEPTION_CLASS) || sqlState.startsWith(SERVER_SHUTDOWN_CLASS));
    }
}
