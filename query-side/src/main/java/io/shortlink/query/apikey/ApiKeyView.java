package io.shortlink.query.apikey;

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
 * The read side's keys, by hash, learnt from the key events on Kafka like every other view: a key issued or revoked
 * on the command side takes effect here about as fast as a new link starts to redirect.
 */
@Component
@ProcessingGroup(ApiKeyView.PROCESSING_GROUP)
public class ApiKeyView implements ApiKeyLookup {

    public static final String PROCESSING_GROUP = "api-key-view";

    private final JdbcApiKeyStore store;

    public ApiKeyView(JdbcTemplate jdbc) {
        this.store = new JdbcApiKeyStore(jdbc, "api_key_view");
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
