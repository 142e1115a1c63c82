package io.shortlink.command.apikey;

import io.shortlink.events.ApiKeyIssued;
import io.shortlink.events.ApiKeyRevoked;
import io.shortlink.refusal.ValidationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyTest {

    private static final String HASH = "a".repeat(64);

    private AggregateTestFixture<ApiKey> fixture;
    private String id;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
        id = ApiKeyIds.next();
    }

    @Test
    void issuesAKeyWithItsOwnLimitAndOnlyTheHash() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand(id, "alice", HASH, 50))
                .expectEvents(new ApiKeyIssued(id, "alice", HASH, 50, fixture.currentTime()))
                .expectResultMessagePayload(new ApiKeyIssued(id, "alice", HASH, 50, fixture.currentTime()));
    }

    @Test
    void issuesAKeyWithTheDefaultLimit() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand(id, "team.ops@example", HASH, null))
                .expectEvents(new ApiKeyIssued(id, "team.ops@example", HASH, null, fixture.currentTime()));
    }

    @Test
    void refusesABadOwnerAndLimitTogether() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand(id, "bad owner", HASH, 0))
                .expectNoEvents()
                .expectException(ValidationException.class)
                .expectExceptionMessage("owner: must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', '@' and '-'; "
                        + "rateLimitPerHour: must be between 1 and 1000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Admin", "anonymous"})
    void refusesTheNamesTheApiUsesForNonOwners(String owner) {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand(id, owner, HASH, null))
                .expectException(ValidationException.class)
                .expectExceptionMessage("owner: is a reserved name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x/y", "<script>"})
    void refusesOwnersOutsideTheNameAlphabet(String owner) {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand(id, owner, HASH, null))
                .expectException(ValidationException.class);
    }

    @Test
    void refusesAnOwnerOf65Characters() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand(id, "a".repeat(65), HASH, null))
                .expectException(ValidationException.class);
    }

    @Test
    void revokesAKey() {
        fixture.given(new ApiKeyIssued(id, "alice", HASH, null, fixture.currentTime()))
                .when(new RevokeApiKeyCommand(id))
                .expectEvents(new ApiKeyRevoked(id, fixture.currentTime()));
    }

    @Test
    void revokingARevokedKeyChangesNothing() {
        fixture.given(new ApiKeyIssued(id, "alice", HASH, null, fixture.currentTime()), new ApiKeyRevoked(id, fixture.currentTime()))
                .when(new RevokeApiKeyCommand(id))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void keyIdsCannotBeMistakenForLinkCodesOrAliases() {
        assertThat(ApiKeyIds.isKeyId(id)).isTrue();
        assertThat(id).doesNotMatch("[A-Za-z0-9_-]{3,64}");
        assertThat(ApiKeyIds.isKeyId("abcdefg")).isFalse();
        assertThat(ApiKeyIds.next()).isNotEqualTo(id);
    }
}
