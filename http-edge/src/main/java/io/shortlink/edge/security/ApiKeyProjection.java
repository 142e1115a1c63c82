package io.shortlink.edge.security;

import io.shortlink.events.ApiKeyIssued;
import io.shortlink.events.ApiKeyRevoked;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Optional;

/**
 * A side's table of API keys by hash, kept from the key events, for authentication. Each side has its own (the
 * sides share no tables) and declares its processing group on its subclass: the command side's is subscribing, so a
 * key works the moment its 201 is sent; the query side's learns from Kafka like every other view.
 */
public abstract class ApiKeyProjection implements ApiKeyLookup {

    private final JdbcApiKeyStore store;

    protected ApiKeyProjection(JdbcTemplate jdbc, String table) {
        this.store = new JdbcApiKeyStore(jdbc, table);
    }

    @EventHandler
    void on(ApiKeyIssued event) {
        store.issued(event.id(), event.keyHash(), event.owner(), event.rateLimitPerHour(), event.issuedAt());
    }

    @EventHandler
    void on(ApiKeyRevoked event) {
        store.revoked(event.id(), event.revokedAt());
    }

    @Override
    public Optional<ApiKeyPrincipal> findByHash(String keyHash) {
        return store.findByHash(keyHash);
    }
}
