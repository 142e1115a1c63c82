package io.shortlink.command.link;

import io.shortlink.events.AliasReserved;
import io.shortlink.events.LinkCreated;
import io.shortlink.refusal.ValidationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;

class LinkImportTest {

    private static final Instant ORIGINAL = Instant.parse("2019-05-04T03:02:01Z");

    private AggregateTestFixture<Link> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Link.class);
        fixture.registerInjectableResource(new LinkRules("http://sho.rt"));
    }

    @Test
    void keepsTheCodeAndTheOriginalCreationTime() {
        fixture.givenNoPriorActivity()
                .when(new ImportLinkCommand("a", "https://example.com/x", "alice", ORIGINAL, List.of("News"), "Title", "job-1"))
                .expectEvents(new LinkCreated("a", "https://example.com/x", "alice", 302, null, ORIGINAL, null, false, List.of("news"), "Title"))
                .expectResultMessagePayload(ImportOutcome.IMPORTED);
    }

    @Test
    void recordsTheImportAndItsOwnerInTheEventsMetadata() {
        fixture.givenNoPriorActivity()
                .when(new ImportLinkCommand("abc", "https://example.com/x", "alice", ORIGINAL, null, null, "job-7"))
                .expectEventsMatching(exactSequenceOf(
                        matches(event -> "job-7".equals(event.getMetaData().get(Link.IMPORT))
                                && "alice".equals(event.getMetaData().get(Link.BY))),
                        andNoMore()));
    }

    @Test
    void aCodeKnownToHaveNoStreamIsImportedWithoutReadingIt() {
        fixture.givenNoPriorActivity()
                .when(new ImportLinkUnderNewCodeCommand(
                        new ImportLinkCommand("a", "https://example.com/x", "alice", ORIGINAL, List.of("News"), "Title", "job-1")))
                .expectEvents(new LinkCreated("a", "https://example.com/x", "alice", 302, null, ORIGINAL, null, false, List.of("news"), "Title"))
                .expectResultMessagePayload(ImportOutcome.IMPORTED);
    }

    @Test
    void aCodeKnownToHaveNoStreamIsStillCheckedByTheRules() {
        fixture.givenNoPriorActivity()
                .when(new ImportLinkUnderNewCodeCommand(
                        new ImportLinkCommand("api", "https://example.com/x", "alice", ORIGINAL, null, null, "job-1")))
                .expectNoEvents()
                .expectException(ValidationException.class)
                .expectExceptionMessage("code: is a reserved word");
    }

    @Test
    void aRowWithoutTimeIsCreatedNow() {
        Instant now = fixture.currentTime();
        fixture.givenNoPriorActivity()
                .when(new ImportLinkCommand("abc", "https://example.com/x", "alice", null, null, null, "job-1"))
                .expectEvents(new LinkCreated("abc", "https://example.com/x", "alice", 302, null, now, null, false, List.of(), null));
    }

    @Test
    void theCallersLinkToTheSameTargetIsAlreadyImported() {
        fixture.given(new LinkCreated("abc", "https://example.com/x", "alice", 302, null, ORIGINAL, null, false, List.of(), null))
                .when(new ImportLinkCommand("abc", "https://example.com/x", "alice", ORIGINAL, null, null, "job-2"))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.ALREADY_IMPORTED);
    }

    @Test
    void someoneElsesCodeOrTheCallersForAnotherTargetIsTaken() {
        fixture.given(new LinkCreated("abc", "https://example.com/x", "bob", 302, null, ORIGINAL, null, false, List.of(), null))
                .when(new ImportLinkCommand("abc", "https://example.com/x", "alice", ORIGINAL, null, null, "job-2"))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.TAKEN);
        fixture.given(new LinkCreated("abc", "https://example.com/x", "alice", 302, null, ORIGINAL, null, false, List.of(), null))
                .when(new ImportLinkCommand("abc", "https://example.com/other", "alice", ORIGINAL, null, null, "job-2"))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.TAKEN);
    }

    @Test
    void anAliasReservedBySomeoneElseIsTakenButTheCallersOwnReservationIsUsed() {
        Instant until = fixture.currentTime().plus(Duration.ofDays(1));
        fixture.given(new AliasReserved("abc", "bob", until, fixture.currentTime()))
                .when(new ImportLinkCommand("abc", "https://example.com/x", "alice", ORIGINAL, null, null, "job-1"))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.TAKEN);
        fixture.given(new AliasReserved("abc", "alice", until, fixture.currentTime()))
                .when(new ImportLinkCommand("abc", "https://example.com/x", "alice", ORIGINAL, null, null, "job-1"))
                .expectEvents(new LinkCreated("abc", "https://example.com/x", "alice", 302, null, ORIGINAL, null, false, List.of(), null))
                .expectResultMessagePayload(ImportOutcome.IMPORTED);
    }

    @Test
    void refusesReservedWords() {
        fixture.givenNoPriorActivity()
                .when(new ImportLinkCommand("api", "https://example.com/x", "alice", ORIGINAL, null, null, "job-1"))
                .expectNoEvents()
                .expectException(ValidationException.class)
                .expectExceptionMessage("code: is a reserved word");
    }

    @Test
    void refusesBadCodesAndTimesInTheFutureWithEveryBrokenRule() {
        fixture.givenNoPriorActivity()
                .when(new ImportLinkCommand("a.b", "ftp://example.com/x", "alice", fixture.currentTime().plusSeconds(60), null, null, "job-1"))
                .expectNoEvents()
                .expectException(ValidationException.class)
                .expectExceptionMessage("url: must be an absolute http or https URL; "
                        + "code: must be 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'; createdAt: must not be in the future");
    }
}
