package io.shortlink.command.link;

import io.shortlink.caller.Caller;
import io.shortlink.caller.ForbiddenException;
import io.shortlink.events.AliasReserved;
import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkCreated;
import io.shortlink.events.LinkDeleted;
import io.shortlink.events.LinkExpired;
import io.shortlink.events.LinkReactivated;
import io.shortlink.events.LinkStatus;
import io.shortlink.refusal.LinkNotFoundException;
import io.shortlink.refusal.ValidationException;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

class LinkLifecycleTest {

    private static final Caller ALICE = new Caller("alice", false);
    private static final Caller BOB = new Caller("bob", false);
    private static final Caller ADMIN = new Caller(null, true);
    private static final String URL = "https://example.com/a";

    private AggregateTestFixture<Link> fixture;
    private Instant now;
    private Instant inAnHour;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Link.class);
        fixture.registerInjectableResource(new LinkRules("http://sho.rt"));
        now = fixture.currentTime();
        inAnHour = now.plus(Duration.ofHours(1));
    }

    private CreateLinkCommand create(String owner, Instant expiresAt) {
        return new CreateLinkCommand("x7Kp2Qa", false, URL, owner, null, expiresAt);
    }

    private LinkCreated created(String owner, Instant expiresAt) {
        return new LinkCreated("x7Kp2Qa", URL, owner, 302, expiresAt, now, null, false, List.of(), null);
    }

    @Test
    void aLinkWithAnExpirySchedulesItsExpiry() {
        fixture.givenNoPriorActivity()
                .when(create("alice", inAnHour))
                .expectEvents(created("alice", inAnHour))
                .expectScheduledDeadlineWithName(inAnHour, Link.EXPIRY_DEADLINE);
    }

    @Test
    void aLinkWithoutExpirySchedulesNothing() {
        fixture.givenNoPriorActivity()
                .when(create("alice", null))
                .expectNoScheduledDeadlines();
    }

    @Test
    void expiresAtItsDeadline() {
        fixture.givenCommands(create("alice", inAnHour))
                .whenTimeElapses(Duration.ofHours(1))
                .expectTriggeredDeadlinesWithName(Link.EXPIRY_DEADLINE)
                .expectEvents(new LinkExpired("x7Kp2Qa", inAnHour));
    }

    @Test
    void anExpiryDeadlineThatNoLongerMatchesDoesNothing() {
        // the link's expiry moved two hours out after this deadline was scheduled
        fixture.given(created("alice", inAnHour),
                        new LinkChanged("x7Kp2Qa", URL, inAnHour.plus(Duration.ofHours(2)), 302, now, null, false, List.of(), null))
                .andGivenCommands()
                .whenTimeElapses(Duration.ofHours(1))
                .expectNoEvents();
    }

    @Test
    void changesEveryFieldAndAnswersTheLink() {
        Instant later = now.plus(Duration.ofDays(2));
        fixture.givenCommands(create("alice", null))
                .when(new ChangeLinkCommand("x7Kp2Qa", ALICE,
                        LinkPatch.NOTHING.with(LinkPatch.URL, "https://example.org/straße").with(LinkPatch.EXPIRES_AT, later).with(LinkPatch.REDIRECT_TYPE, 301)))
                .expectEvents(new LinkChanged("x7Kp2Qa", "https://example.org/stra%C3%9Fe", later, 301, now, null, false, List.of(), null))
                .expectResultMessagePayload(new LinkState("x7Kp2Qa", "https://example.org/stra%C3%9Fe", now, later, 301, LinkStatus.ACTIVE, null, false, List.of(), null))
                .expectScheduledDeadlineWithName(later, Link.EXPIRY_DEADLINE);
    }

    @Test
    void aChangeRecordsWhoMadeIt() {
        fixture.given(created("alice", null))
                .when(new ChangeLinkCommand("x7Kp2Qa", ADMIN, LinkPatch.NOTHING.with(LinkPatch.REDIRECT_TYPE, 307)))
                .expectEvents(GenericEventMessage.asEventMessage(new LinkChanged("x7Kp2Qa", URL, null, 307, now, null, false, List.of(), null))
                        .andMetaData(Map.of(Link.BY, "admin")));
    }

    @Test
    void movingTheExpiryCancelsTheOldDeadline() {
        Instant later = now.plus(Duration.ofDays(2));
        fixture.givenCommands(create("alice", inAnHour))
                .when(new ChangeLinkCommand("x7Kp2Qa", ALICE, LinkPatch.NOTHING.with(LinkPatch.EXPIRES_AT, later)))
                .expectEvents(new LinkChanged("x7Kp2Qa", URL, later, 302, now, null, false, List.of(), null))
                .expectScheduledDeadlineWithName(later, Link.EXPIRY_DEADLINE)
                .expectNoScheduledDeadlineWithName(inAnHour, Link.EXPIRY_DEADLINE);
    }

    @Test
    void removingTheExpiryCancelsItsDeadline() {
        fixture.givenCommands(create("alice", inAnHour))
                .when(new ChangeLinkCommand("x7Kp2Qa", ALICE, LinkPatch.NOTHING.with(LinkPatch.EXPIRES_AT, null)))
                .expectEvents(new LinkChanged("x7Kp2Qa", URL, null, 302, now, null, false, List.of(), null))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aChangeThatChangesNothingRecordsNothing() {
        fixture.givenCommands(create("alice", inAnHour))
                .when(new ChangeLinkCommand("x7Kp2Qa", ALICE, LinkPatch.NOTHING.with(LinkPatch.URL, URL).with(LinkPatch.REDIRECT_TYPE, 302)))
                .expectNoEvents()
                .expectScheduledDeadlineWithName(inAnHour, Link.EXPIRY_DEADLINE);
    }

    @Test
    void removingTheRedirectTypeRestoresTheDefault() {
        fixture.given(new LinkCreated("x7Kp2Qa", URL, "alice", 308, null, now, null, false, List.of(), null))
                .when(new ChangeLinkCommand("x7Kp2Qa", ALICE, LinkPatch.NOTHING.with(LinkPatch.REDIRECT_TYPE, null)))
                .expectEvents(new LinkChanged("x7Kp2Qa", URL, null, 302, now, null, false, List.of(), null));
    }

    @Test
    void aFutureExpiryReactivatesAnExpiredLinkAndSchedulesTheNewExpiry() {
        Instant later = now.plus(Duration.ofDays(2));
        fixture.given(created("alice", now.minusSeconds(10)), new LinkExpired("x7Kp2Qa", now.minusSeconds(10)))
                .when(new ChangeLinkCommand("x7Kp2Qa", ALICE, LinkPatch.NOTHING.with(LinkPatch.EXPIRES_AT, later)))
                .expectEvents(new LinkChanged("x7Kp2Qa", URL, later, 302, now, null, false, List.of(), null), new LinkReactivated("x7Kp2Qa", now))
                .expectResultMessagePayload(new LinkState("x7Kp2Qa", URL, now, later, 302, LinkStatus.ACTIVE, null, false, List.of(), null))
                .expectScheduledDeadlineWithName(later, Link.EXPIRY_DEADLINE);
    }

    @Test
    void anExpiredLinkWithANewUrlStaysExpired() {
        Instant past = now.minusSeconds(10);
        fixture.given(created("alice", past), new LinkExpired("x7Kp2Qa", past))
                .when(new ChangeLinkCommand("x7Kp2Qa", ALICE, LinkPatch.NOTHING.with(LinkPatch.URL, "https://example.org")))
                .expectEvents(new LinkChanged("x7Kp2Qa", "https://example.org", past, 302, now, null, false, List.of(), null))
                .expectResultMessagePayload(new LinkState("x7Kp2Qa", "https://example.org", now, past, 302, LinkStatus.EXPIRED, null, false, List.of(), null));
    }

    @Test
    void aChangeFollowsTheSameRulesAsACreation() {
        fixture.given(created("alice", null))
                .when(new ChangeLinkCommand("x7Kp2Qa", ALICE,
                        LinkPatch.NOTHING.with(LinkPatch.URL, "javascript:alert(1)").with(LinkPatch.EXPIRES_AT, now).with(LinkPatch.REDIRECT_TYPE, 303)))
                .expectNoEvents()
                .expectException(ValidationException.class)
                .expectExceptionMessage("url: must be an absolute http or https URL; "
                        + "redirectType: must be one of 301, 302, 307, 308; expiresAt: must be in the future");
        fixture.given(created("alice", null))
                .when(new ChangeLinkCommand("x7Kp2Qa", ALICE, LinkPatch.NOTHING.with(LinkPatch.URL, null)))
                .expectException(ValidationException.class)
                .expectExceptionMessage("url: is required");
    }

    @Test
    void onlyTheOwnerOrAnAdminMayChangeALink() {
        fixture.given(created("alice", null))
                .when(new ChangeLinkCommand("x7Kp2Qa", BOB, LinkPatch.NOTHING.with(LinkPatch.REDIRECT_TYPE, 301)))
                .expectNoEvents()
                .expectException(ForbiddenException.class);
        fixture.given(created("alice", null))
                .when(new ChangeLinkCommand("x7Kp2Qa", Caller.ANONYMOUS, LinkPatch.NOTHING.with(LinkPatch.REDIRECT_TYPE, 301)))
                .expectException(ForbiddenException.class);
    }

    @Test
    void anonymousLinksCannotBeChangedOrDeletedEvenByAnAdmin() {
        fixture.given(created(null, null))
                .when(new ChangeLinkCommand("x7Kp2Qa", ADMIN, LinkPatch.NOTHING.with(LinkPatch.REDIRECT_TYPE, 301)))
                .expectException(ForbiddenException.class);
        fixture.given(created(null, null))
                .when(new DeleteLinkCommand("x7Kp2Qa", ADMIN))
                .expectNoEvents()
                .expectException(ForbiddenException.class);
    }

    @Test
    void aReservedAliasIsNoLinkToChangeOrDelete() {
        fixture.given(new AliasReserved("x7Kp2Qa", "alice", inAnHour, now))
                .when(new ChangeLinkCommand("x7Kp2Qa", ALICE, LinkPatch.NOTHING.with(LinkPatch.REDIRECT_TYPE, 301)))
                .expectException(LinkNotFoundException.class);
        fixture.given(new AliasReserved("x7Kp2Qa", "alice", inAnHour, now))
                .when(new DeleteLinkCommand("x7Kp2Qa", ALICE))
                .expectException(LinkNotFoundException.class);
    }

    @Test
    void deletesALinkAndCancelsItsExpiry() {
        fixture.givenCommands(create("alice", inAnHour))
                .when(new DeleteLinkCommand("x7Kp2Qa", ALICE))
                .expectEvents(new LinkDeleted("x7Kp2Qa", now))
                .expectNoScheduledDeadlines();
    }

    @Test
    void anAdminMayDeleteSomeoneElsesLinkButNobodyElse() {
        fixture.given(created("alice", null))
                .when(new DeleteLinkCommand("x7Kp2Qa", ADMIN))
                .expectEvents(new LinkDeleted("x7Kp2Qa", now));
        fixture.given(created("alice", null))
                .when(new DeleteLinkCommand("x7Kp2Qa", BOB))
                .expectException(ForbiddenException.class);
    }

    @Test
    void aDeletedLinkIsGoneForChangesAndDeletionAndItsCodeIsNeverGivenOutAgain() {
        List<Object> deleted = List.of(created("alice", null), new LinkDeleted("x7Kp2Qa", now));
        fixture.given(deleted)
                .when(new ChangeLinkCommand("x7Kp2Qa", ALICE, LinkPatch.NOTHING.with(LinkPatch.REDIRECT_TYPE, 301)))
                .expectException(LinkGoneException.class);
        fixture.given(deleted)
                .when(new DeleteLinkCommand("x7Kp2Qa", ALICE))
                .expectException(LinkGoneException.class);
        fixture.given(deleted)
                .when(create("alice", null))
                .expectException(CodeTakenException.class);
    }

    @Test
    void aDeletedLinkNeverExpires() {
        fixture.given(created("alice", inAnHour), new LinkDeleted("x7Kp2Qa", now))
                .whenTimeElapses(Duration.ofHours(2))
                .expectNoEvents();
    }
}
