package io.shortlink.edge.security;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A side's table of issued keys, kept by that side's projection of the key events. Writes are idempotent (events
 * may be handled twice). The table has the columns id, key_hash, owner, rate_limit_per_hour, issued_at, revoked_at.
 */
public class JdbcApiKeyStore implements ApiKeyLookup {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_]+");

    private final JdbcTemplate jdbc;
    private final String insert;
    private final String revoke;
    private final String findByHash;

    public JdbcApiKeyStore(JdbcTemplate jdbc, String table) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        this.jdbc = jdbc;
        this.insert = "insert into " + table + " (id, key_hash, owner, rate_limit_per_hour, issued_at) values (?, ?, ?, ?, ?)"
                + " on conflict (id) do nothing";
        this.revoke = "update " + table + " set revoked_at = ? where id = ? and revoked_at is null";
        this.findByHash = "select id, owner, rate_limit_per_hour from " + table + " where key_hash = ? and revoked_at is null";
    }

    public void issued(String id, String keyHash, String owner, Integer rateLimitPerHour, Instant issuedAt) {
        jdbc.update(insert, id, keyHash, owner, rateLimitPerHour, Timestamp.from(issuedAt));
    }

    public void revoked(String id, Instant revokedAt) {
        jdbc.update(revoke, Timestamp.from(revokedAt), id);
    }

    @Override
    public Optional<ApiKeyPrincipal> findByHash(String keyHash) {
        return jdbc.query(findByHash, (row, n) -> new ApiKeyPrincipal(row.getString("id"), row.getString("owner"), false,
                (Integer) row.getObject("rate_limit_per_hour")), keyHash).stream().findFirst();
    }
}
