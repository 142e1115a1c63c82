package io.shortlink.command.persistence;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * The pool, with the waits of a request under a {@link StorageDeadlines deadline} bounded by it: the wait for a
 * connection, and each answer of the server (the connection's network timeout, which HikariCP resets when the
 * connection returns to the pool). Threads without a deadline (event processors, schedulers) get the pool's own.
 */
class DeadlineDataSource extends DelegatingDataSource {

    private static final long FLOOR_MILLIS = 500;

    private final HikariDataSource pool;

    DeadlineDataSource(HikariDataSource pool) {
        super(pool);
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        OptionalLong remaining = StorageDeadlines.remainingMillis();
        if (remaining.isEmpty()) {
            return pool.getConnection();
        }
        Connection connection = pool.getHikariPoolMXBean() instanceof HikariPool started
                ? started.getConnection(atLeastTheFloor(remaining.getAsLong())) : pool.getConnection();
        connection.setNetworkTimeout(Runnable::run, (int) atLeastTheFloor(StorageDeadlines.remainingMillis().orElseThrow()));
        return connection;
    }

    /**
     * The deadline counts the request's own work too: a slow but healthy request (a cold start on a busy machine) still
     * gets this long for each wait, so that it is not refused when the database is answering.
     */
    private static long atLeastTheFloor(long remainingMillis) {
        return Math.max(remainingMillis, FLOOR_MILLIS);
    }
}
