package io.shortlink.command.link;

import io.shortlink.events.LinkCreated;
import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.ValidationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinkTest {

    private AggregateTestFixture<Link> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Link.class);
        fixture.registerInjectableResource(new LinkRules("http://sho.rt"));
    }

    @Test
    void createsALinkWithTheDefaultRedirectType() {
        Instant now = fixture.currentTime();
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("x7Kp2Qa", false, "https://example.com/a?x=1", null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new LinkCreated("x7Kp2Qa", "https://example.com/a?x=1", null, 302, null, now, null, false, List.of(), null))
                .expectResultMessagePayload(new LinkCreated("x7Kp2Qa", "https://example.com/a?x=1", null, 302, null, now, null, false, List.of(), null));
    }

    @Test
    void createsALinkUnderAnAliasWithItsOwnerExpiryAndRedirectType() {
        Instant now = fixture.currentTime();
        Instant expiresAt = now.plus(Duration.ofDays(30));
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("my-launch", true, "http://example.com", "alice", 301, expiresAt))
                .expectEvents(new LinkCreated("my-launch", "http://example.com", "alice", 301, expiresAt, now, null, false, List.of(), null));
    }

    @Test
    void storesNonAsciiCharactersPercentEncoded() {
        Instant now = fixture.currentTime();
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("unicode", true, "https://example.com/straße?q=ü", null, null, null))
                .expectEvents(new LinkCreated("unicode", "https://example.com/stra%C3%9Fe?q=%C3%BC", null, 302, null, now, null, false, List.of(), null));
    }

    @Test
    void refusesAnAliasThatIsAlreadyALink() {
        fixture.given(new LinkCreated("my-launch", "https://example.com", null, 302, null, fixture.currentTime(), null, false, List.of(), null))
                .when(new CreateLinkCommand("my-launch", true, "https://example.org", null, null, null))
                .expectNoEvents()
                .expectException(CodeTakenException.class)
                .expectExceptionMessage("The alias 'my-launch' is already taken");
    }

    @Test
    void refusesEveryBrokenRuleAtOnce() {
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("a", true, "javascript:alert(1)", null, 303, fixture.currentTime().minusSeconds(1)))
                .expectNoEvents()
                .expectException(ValidationException.class)
                .expectExceptionMessage("url: must be an absolute http or https URL; "
                        + "alias: must be 3 to 64 characters of A-Z, a-z, 0-9, '_' and '-'; "
                        + "redirectType: must be one of 301, 302, 307, 308; expiresAt: must be in the future");
    }

    @Test
    void refusesUrlsThatCannotBeRedirectedToSafely() {
        assertRejected("ftp://example.com/file", "must be an absolute http or https URL");
        assertRejected("/relative/path", "must be an absolute http or https URL");
        assertRejected("https:///no-host", "must have a host");
        assertRejected("https://example.com/a b", "must not contain whitespace or control characters");
        assertRejected("https://example.com/\r\nSet-Cookie:x", "must not contain whitespace or control characters");
        assertRejected("https://example.com/" + "a".repeat(LinkRules.MAX_URL_LENGTH), "must be at most 8192 characters");
        assertRejected("https://SHO.RT/abc", "must not point at this service's own short domain");
        assertRejected("", "is required");
    }

    @Test
    void refusesAnExpiryBeyondAHundredYears() {
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("far-future", true, "https://example.com", null, null,
                        fixture.currentTime().plus(Duration.ofDays(36_526))))
                .expectNoEvents()
                .expectException(ValidationException.class)
                .expectExceptionMessage("expiresAt: must be at most 100 years ahead");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Actuator", "export", "Bulk"})
    void refusesReservedWordsAsAliases(String alias) {
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand(alias, true, "https://example.com", null, null, null))
                .expectException(ValidationException.class)
                .expectExceptionMessage("alias: is a reserved word");
    }

    private void assertRejected(String url, String message) {
        LinkRules rules = new LinkRules("http://sho.rt");
        CreateLinkCommand command = new CreateLinkCommand("abcdefg", false, url, null, null, null);
        ValidationException rejected = org.junit.jupiter.api.Assertions.assertThrows(ValidationException.class,
                () -> rules.checkCreation(command, Instant.now()));
        assertThat(rejected.violations()).containsExactly(new FieldViolation("url", message));
    }
}
