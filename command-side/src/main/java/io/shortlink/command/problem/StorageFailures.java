package io.shortlink.command.problem;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises "the database cannot be reached" however it surfaces: Spring's translated exceptions, raw JDBC
 * connection errors, or — since Axon's event store calls are not translated by Spring and a pooled connection that
 * died mid-request only says "Connection is closed" — any other JDBC failure while the database does not answer.
 */
@Component
class StorageFailures {

    /** SQLSTATE class 08 is "connection exception"; 57P01–57P03 are the server shutting down or starting up. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final String SERVER_SHUTDOWN_CLASS = "57P";
    private static final int PROBE_TIMEOUT_SECONDS = 1;

    private final DataSource dataSource;

    StorageFailures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    boolean isUnavailable(Throwable failure) {
        boolean jdbcFailure = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
            jdbcFailure |= cause instanceof SQLException;
        }
        return jdbcFailure && !databaseAnswers();
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
