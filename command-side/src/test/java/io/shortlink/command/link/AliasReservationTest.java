package io.shortlink.command.link;

import io.shortlink.caller.Caller;
import io.shortlink.command.alias.ReleaseAliasCommand;
import io.shortlink.command.alias.Reservation;
import io.shortlink.command.alias.ReservationNotFoundException;
import io.shortlink.command.alias.ReserveAliasCommand;
import io.shortlink.events.AliasReleased;
import io.shortlink.events.AliasReservationLapsed;
import io.shortlink.events.AliasReserved;
import io.shortlink.events.LinkCreated;
import io.shortlink.refusal.ValidationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

class AliasReservationTest {

    private static final Caller ALICE = new Caller("alice", false);
    private static final Caller BOB = new Caller("bob", false);

    private AggregateTestFixture<Link> fixture;
    private Instant now;
    private Instant until;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Link.class);
        fixture.registerInjectableResource(new LinkRules("http://sho.rt"));
        now = fixture.currentTime();
        until = now.plus(Duration.ofDays(30));
    }

    @Test
    void reservesAFreeAliasAndSchedulesItsLapse() {
        fixture.givenNoPriorActivity()
                .when(new ReserveAliasCommand("launch", "alice", until))
                .expectEvents(new AliasReserved("launch", "alice", until, now))
                .expectResultMessagePayload(new Reservation("launch", "alice", until, true))
                .expectScheduledDeadlineWithName(until, Link.LAPSE_DEADLINE);
    }

    @Test
    void aReservationHoldsAnAliasForAYearAtMost() {
        fixture.givenNoPriorActivity()
                .when(new ReserveAliasCommand("launch", "alice", now.plus(Duration.ofDays(36_500))))
                .expectNoEvents()
                .expectException(ValidationException.class)
                .expectExceptionMessage("reservedUntil: must be at most 366 days ahead");
    }

    @Test
    void theSameOwnerReservingAgainMovesTheReservationAndItsLapse() {
        Instant later = until.plus(Duration.ofDays(5));
        fixture.givenCommands(new ReserveAliasCommand("launch", "alice", until))
                .when(new ReserveAliasCommand("launch", "alice", later))
                .expectEvents(new AliasReserved("launch", "alice", later, now))
                .expectResultMessagePayload(new Reservation("launch", "alice", later, false))
                .expectScheduledDeadlineWithName(later, Link.LAPSE_DEADLINE)
                .expectNoScheduledDeadlineWithName(until, Link.LAPSE_DEADLINE);
    }

    @Test
    void theSameReservationAgainChangesNothing() {
        fixture.givenCommands(new ReserveAliasCommand("launch", "alice", until))
                .when(new ReserveAliasCommand("launch", "alice", until))
                .expectNoEvents()
                .expectResultMessagePayload(new Reservation("launch", "alice", until, false));
    }

    @Test
    void refusesAnAliasReservedBySomeoneElse() {
        fixture.given(new AliasReserved("launch", "alice", until, now))
                .when(new ReserveAliasCommand("launch", "bob", until))
                .expectNoEvents()
                .expectException(CodeTakenException.class);
    }

    @Test
    void refusesAnAliasThatIsALinkWhateverItsState() {
        fixture.given(new LinkCreated("launch", "https://example.com", "alice", 302, null, now),
                        new io.shortlink.events.LinkDeleted("launch", now))
                .when(new ReserveAliasCommand("launch", "alice", until))
                .expectNoEvents()
                .expectException(CodeTakenException.class);
    }

    @Test
    void refusesABadAliasOrATimeInThePast() {
        fixture.givenNoPriorActivity()
                .when(new ReserveAliasCommand("admin", "alice", now.minusSeconds(1)))
                .expectNoEvents()
                .expectException(ValidationException.class)
                .expectExceptionMessage("alias: is a reserved word; reservedUntil: must be in the future");
    }

    @Test
    void whileReservedOnlyTheOwnerMayCreateALinkUnderTheAlias() {
        fixture.given(new AliasReserved("launch", "alice", until, now))
                .when(new CreateLinkCommand("launch", true, "https://example.com", "bob", null, null))
                .expectNoEvents()
                .expectException(CodeTakenException.class);
        fixture.given(new AliasReserved("launch", "alice", until, now))
                .when(new CreateLinkCommand("launch", true, "https://example.com", null, null, null))
                .expectException(CodeTakenException.class);
    }

    @Test
    void theOwnerUsesTheReservationAndItsLapseIsCancelled() {
        fixture.givenCommands(new ReserveAliasCommand("launch", "alice", until))
                .when(new CreateLinkCommand("launch", true, "https://example.com", "alice", null, null))
                .expectEvents(new LinkCreated("launch", "https://example.com", "alice", 302, null, now))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aGeneratedCodeNeverUsesAReservationOfTheSameName() {
        fixture.given(new AliasReserved("abcdefg", "alice", until, now))
                .when(new CreateLinkCommand("abcdefg", false, "https://example.com", "alice", null, null))
                .expectException(CodeTakenException.class);
    }

    @Test
    void anUnusedReservationLapsesAtItsDeadline() {
        fixture.givenCommands(new ReserveAliasCommand("launch", "alice", until))
                .whenTimeAdvancesTo(until)
                .expectTriggeredDeadlinesWithName(Link.LAPSE_DEADLINE)
                .expectEvents(new AliasReservationLapsed("launch", "alice", until));
    }

    @Test
    void aLapsedAliasIsFreeForAnyone() {
        fixture.given(new AliasReserved("launch", "alice", until, now), new AliasReservationLapsed("launch", "alice", until))
                .when(new CreateLinkCommand("launch", true, "https://example.com", null, null, null))
                .expectEvents(new LinkCreated("launch", "https://example.com", null, 302, null, now));
    }

    @Test
    void aReservationPastItsTimeLapsesWhenSomeoneElseWantsTheAliasEvenIfItsDeadlineIsLate() {
        Instant past = now.minusSeconds(1);
        fixture.given(new AliasReserved("launch", "alice", past, past.minusSeconds(60)))
                .when(new ReserveAliasCommand("launch", "bob", until))
                .expectEvents(new AliasReservationLapsed("launch", "alice", past), new AliasReserved("launch", "bob", until, now));
    }

    @Test
    void aLapseDeadlineThatFiresAfterTheAliasWasUsedDoesNothing() {
        fixture.given(new AliasReserved("launch", "alice", until, now),
                        new LinkCreated("launch", "https://example.com", "alice", 302, null, now))
                .whenTimeAdvancesTo(until.plusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void theOwnerReleasesTheReservationAndItsLapseIsCancelled() {
        fixture.givenCommands(new ReserveAliasCommand("launch", "alice", until))
                .when(new ReleaseAliasCommand("launch", ALICE))
                .expectEvents(new AliasReleased("launch", "alice", now))
                .expectNoScheduledDeadlines();
    }

    @Test
    void onlyTheOwnersReservationCanBeReleased() {
        fixture.given(new AliasReserved("launch", "alice", until, now))
                .when(new ReleaseAliasCommand("launch", BOB))
                .expectNoEvents()
                .expectException(ReservationNotFoundException.class);
        fixture.given(new LinkCreated("launch", "https://example.com", "alice", 302, null, now))
                .when(new ReleaseAliasCommand("launch", ALICE))
                .expectException(ReservationNotFoundException.class);
    }
}
