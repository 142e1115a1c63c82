package io.shortlink.query.apikey;

import io.shortlink.edge.security.ApiKeyPrincipal;
import io.shortlink.events.ApiKeyIssued;
import io.shortlink.events.ApiKeyRevoked;
import io.shortlink.query.FreshDatabase;
import io.shortlink.query.ProcessorBatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The read side's keys as the key events leave them: against a real PostgreSQL. */
class ApiKeyViewTest {

    private static final Instant ISSUED = Instant.parse("2026-11-01T10:00:00Z");
    private static final ApiKeyIssued ALICES = new ApiKeyIssued("k1", "alice", "hash-1", 50, ISSUED);
    private static final ApiKeyIssued BOBS = new ApiKeyIssued("k2", "bob", "hash-2", null, ISSUED);

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Test
    void anIssuedKeyIsFoundByItsHashWithItsOwnerAndLimit() {
        ApiKeyView view = new ApiKeyView(database.jdbc());
        ProcessorBatches.handle(view, ALICES, BOBS);

        assertThat(view.findByHash("hash-1")).contains(new ApiKeyPrincipal("k1", "alice", false, 50));
        assertThat(view.findByHash("hash-2")).contains(new ApiKeyPrincipal("k2", "bob", false, null));
        assertThat(view.findByHash("hash-3")).isEmpty();
    }

    @Test
    void aRevokedKeyIsFoundNoMoreAndTheOthersStay() {
        ApiKeyView view = new ApiKeyView(database.jdbc());
        ProcessorBatches.handle(view, ALICES, BOBS, new ApiKeyRevoked("k1", ISSUED.plusSeconds(60)));

        assertThat(view.findByHash("hash-1")).isEmpty();
        assertThat(view.findByHash("hash-2")).isPresent();
    }

    @Test
    void keyEventsHandledAgainChangeNothing() {
        ApiKeyView view = new ApiKeyView(database.jdbc());
        ApiKeyRevoked revoked = new ApiKeyRevoked("k1", ISSUED.plusSeconds(60));
        ProcessorBatches.handle(view, ALICES, revoked);
        ProcessorBatches.handle(view, ALICES, new ApiKeyRevoked("k1", ISSUED.plusSeconds(120)), BOBS, BOBS);

        assertThat(view.findByHash("hash-1")).as("a redelivered issue does not revive a revoked key").isEmpty();
        assertThat(database.jdbc().queryForObject("select revoked_at from api_key_view where id = 'k1'", Instant.class))
                .as("the first revocation stays").isEqualTo(revoked.revokedAt());
        assertThat(database.jdbc().queryForObject("select count(*) from api_key_view", Long.class)).isEqualTo(2);
    }
}
