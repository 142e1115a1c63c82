package io.shortlink.command.apikey;

import io.shortlink.edge.security.ApiKeyLookup;
import io.shortlink.edge.security.ApiKeyPrincipal;
import io.shortlink.edge.security.JdbcApiKeyStore;
import io.shortlink.events.ApiKeyIssued;
import io.shortlink.events.ApiKeyRevoked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The command side's keys, by hash, for authentication. A subscribing processor (see command-side.yml): the table
 * changes in the transaction that stores the event, so a key works, or stops working, the moment its 201/204 is sent.
 */
@Component
@ProcessingGroup(ApiKeyRegistry.PROCESSING_GROUP)
public class ApiKeyRegistry implements ApiKeyLookup {

    public static final String PROCESSING_GROUP = "api-key-registry";

    private final JdbcApiKeyStore store;

    public ApiKeyRegistry(JdbcTemplate jdbc) {
        this.store = new JdbcApiKeyStore(jdbc, "api_key");
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
