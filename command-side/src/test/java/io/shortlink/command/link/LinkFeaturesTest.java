package io.shortlink.command.link;

import io.shortlink.caller.Caller;
import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkCreated;
import io.shortlink.events.LinkExhausted;
import io.shortlink.events.LinkExpired;
import io.shortlink.events.LinkReactivated;
import io.shortlink.events.LinkStatus;
import io.shortlink.events.upcasting.StoredEvents;
import io.shortlink.refusal.ValidationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/** Visit limits, query forwarding, tags and titles on the aggregate, and histories stored before they existed. */
class LinkFeaturesTest {

    private static final Caller ALICE = new Caller("alice", false);
    private static final String URL = "https://example.com/a";

    private AggregateTestFixture<Link> fixture;
    private Instant now;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Link.class);
        fixture.registerInjectableResource(new LinkRules("http://sho.rt"));
        now = fixture.currentTime();
    }

    private LinkCreated created(Integer maxVisits) {
        return new LinkCreated("x7Kp2Qa", URL, "alice", 302, null, now, maxVisits, false, List.of(), null);
    }

    private static ChangeLinkCommand change(LinkPatch patch) {
        return change("x7Kp2Qa", patch);
    }

    private static ChangeLinkCommand change(String code, LinkPatch patch) {
        return new ChangeLinkCommand(code, ALICE, patch);
    }

    @Test
    void createsALinkWithEveryNewSettingNormalised() {
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("x7Kp2Qa", false, URL, "alice", null, null, 5, true,
                        List.of("Launch", "q4-2026", "launch", "LAUNCH"), "Autumn launch"))
                .expectEvents(new LinkCreated("x7Kp2Qa", URL, "alice", 302, null, now, 5, true,
                        List.of("launch", "q4-2026"), "Autumn launch"));
    }

    @Test
    void refusesBadVisitLimitsTagsAndTitlesAllAtOnce() {
        List<String> elevenTags = IntStream.range(0, 11).mapToObj(i -> "t" + i).toList();
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("x7Kp2Qa", false, URL, null, null, null, 0, null, elevenTags, "x".repeat(201)))
                .expectNoEvents()
                .expectException(ValidationException.class)
                .expectExceptionMessage("maxVisits: must be an integer from 1 to 1000000000, or null; "
                        + "tags: must be at most 10 different tags; title: must be at most 200 characters");
    }

    @Test
    void refusesTagsOfOtherCharactersOrLengthsAndControlCharactersInTitles() {
        assertRefused(List.of("no spaces"), null, "tags: each tag must be 1 to 32 characters of a-z, 0-9 and '-'");
        assertRefused(List.of(""), null, "tags: each tag must be 1 to 32 characters of a-z, 0-9 and '-'");
        assertRefused(List.of("a".repeat(33)), null, "tags: each tag must be 1 to 32 characters of a-z, 0-9 and '-'");
        assertRefused(Collections.singletonList(null), null, "tags: each tag must be 1 to 32 characters of a-z, 0-9 and '-'");
        assertRefused(List.of("ünïcode"), null, "tags: each tag must be 1 to 32 characters of a-z, 0-9 and '-'");
        assertRefused(null, "line\nbreak", "title: must not contain control characters");
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("x7Kp2Qa", false, URL, null, null, null, 1_000_000_001, null, null, null))
                .expectException(ValidationException.class);
    }

    @Test
    void elevenTagsThatAreTenOnceDuplicatesAreGoneAreAccepted() {
        List<String> tags = new ArrayList<>(IntStream.range(0, 10).mapToObj(i -> "t" + i).toList());
        tags.add("T0");
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("x7Kp2Qa", false, URL, null, null, null, null, null, tags, "🚀".repeat(200)))
                .expectSuccessfulHandlerExecution();
    }

    private void assertRefused(List<String> tags, String title, String message) {
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("x7Kp2Qa", false, URL, null, null, null, null, null, tags, title))
                .expectNoEvents()
                .expectException(ValidationException.class)
                .expectExceptionMessage(message);
    }

    @Test
    void aChangeCarriesEverySettingAsItIsNow() {
        fixture.given(new LinkCreated("x7Kp2Qa", URL, "alice", 301, null, now, 10, true, List.of("a"), "T"))
                .when(change(LinkPatch.NOTHING.with(LinkPatch.TAGS, List.of("B", "c")).with(LinkPatch.TITLE, null)))
                .expectEvents(new LinkChanged("x7Kp2Qa", URL, null, 301, now, 10, true, List.of("b", "c"), null))
                .expectResultMessagePayload(new LinkState("x7Kp2Qa", URL, now, null, 301, LinkStatus.ACTIVE, 10, true, List.of("b", "c"), null));
    }

    @Test
    void removingTheSettingsRestoresTheirDefaults() {
        fixture.given(new LinkCreated("x7Kp2Qa", URL, "alice", 302, null, now, 10, true, List.of("a"), "T"))
                .when(change(LinkPatch.NOTHING.with(LinkPatch.MAX_VISITS, null).with(LinkPatch.FORWARD_QUERY, null)
                        .with(LinkPatch.TAGS, null).with(LinkPatch.TITLE, "")))
                .expectEvents(new LinkChanged("x7Kp2Qa", URL, null, 302, now, null, false, List.of(), null));
    }

    @Test
    void aPatchThatChangesNothingEmitsNothing() {
        fixture.given(new LinkCreated("x7Kp2Qa", URL, "alice", 302, null, now, 10, true, List.of("a"), "T"))
                .when(change(LinkPatch.NOTHING.with(LinkPatch.TAGS, List.of("A", "a")).with(LinkPatch.MAX_VISITS, 10)))
                .expectNoEvents();
    }

    @Test
    void theReadSideCountReachingTheLimitExhaustsTheLink() {
        fixture.given(created(3))
                .when(new ExhaustLinkCommand("x7Kp2Qa", 3))
                .expectEvents(new LinkExhausted("x7Kp2Qa", 3, now));
    }

    @Test
    void aCountBelowTheLimitOrALinkWithoutLimitIsNotExhausted() {
        fixture.given(created(3)).when(new ExhaustLinkCommand("x7Kp2Qa", 2)).expectNoEvents();
        fixture.given(created(null)).when(new ExhaustLinkCommand("x7Kp2Qa", 1_000)).expectNoEvents();
    }

    @Test
    void anExhaustedExpiredOrDeletedLinkIsNotExhaustedAgain() {
        fixture.given(created(3), new LinkExhausted("x7Kp2Qa", 3, now)).when(new ExhaustLinkCommand("x7Kp2Qa", 4)).expectNoEvents();
        fixture.given(created(3), new LinkExpired("x7Kp2Qa", now)).when(new ExhaustLinkCommand("x7Kp2Qa", 4)).expectNoEvents();
    }

    @Test
    void raisingTheLimitAboveTheCountReactivates() {
        fixture.given(created(3), new LinkExhausted("x7Kp2Qa", 3, now))
                .when(change(LinkPatch.NOTHING.with(LinkPatch.MAX_VISITS, 4)))
                .expectEvents(new LinkChanged("x7Kp2Qa", URL, null, 302, now, 4, false, List.of(), null),
                        new LinkReactivated("x7Kp2Qa", now))
                .expectResultMessagePayload(new LinkState("x7Kp2Qa", URL, now, null, 302, LinkStatus.ACTIVE, 4, false, List.of(), null));
    }

    @Test
    void removingTheLimitReactivates() {
        fixture.given(created(3), new LinkExhausted("x7Kp2Qa", 3, now))
                .when(change(LinkPatch.NOTHING.with(LinkPatch.MAX_VISITS, null)))
                .expectEvents(new LinkChanged("x7Kp2Qa", URL, null, 302, now, null, false, List.of(), null),
                        new LinkReactivated("x7Kp2Qa", now));
    }

    @Test
    void aLimitNotAboveTheCountOrAnotherChangeLeavesItExhausted() {
        fixture.given(created(3), new LinkExhausted("x7Kp2Qa", 5, now))
                .when(change(LinkPatch.NOTHING.with(LinkPatch.MAX_VISITS, 5)))
                .expectEvents(new LinkChanged("x7Kp2Qa", URL, null, 302, now, 5, false, List.of(), null))
                .expectResultMessagePayload(new LinkState("x7Kp2Qa", URL, now, null, 302, LinkStatus.EXHAUSTED, 5, false, List.of(), null));
        fixture.given(created(3), new LinkExhausted("x7Kp2Qa", 3, now))
                .when(change(LinkPatch.NOTHING.with(LinkPatch.TITLE, "renamed")))
                .expectEvents(new LinkChanged("x7Kp2Qa", URL, null, 302, now, 3, false, List.of(), "renamed"));
    }

    @Test
    void anExhaustedLinkPastItsExpiryReadsExpiredBeforeTheDeadlineFires() {
        Instant past = now.minusSeconds(1);
        fixture.given(new LinkCreated("x7Kp2Qa", URL, "alice", 302, past, now.minusSeconds(60), 3, false, List.of(), null),
                        new LinkExhausted("x7Kp2Qa", 3, now.minusSeconds(30)))
                .when(change(LinkPatch.NOTHING.with(LinkPatch.TITLE, "renamed")))
                .expectEvents(new LinkChanged("x7Kp2Qa", URL, past, 302, now, 3, false, List.of(), "renamed"))
                .expectResultMessagePayload(new LinkState("x7Kp2Qa", URL, now.minusSeconds(60), past, 302, LinkStatus.EXPIRED,
                        3, false, List.of(), "renamed"));
    }

    @Test
    void anExhaustedLinkStillExpires() {
        Instant soon = now.plusSeconds(60);
        fixture.givenCommands(new CreateLinkCommand("x7Kp2Qa", false, URL, "alice", null, soon, 1, null, null, null),
                        new ExhaustLinkCommand("x7Kp2Qa", 1))
                .whenTimeElapses(Duration.ofSeconds(61))
                .expectEvents(new LinkExpired("x7Kp2Qa", soon));
    }

    // Histories stored by the build before revision 2, read through the upcasters exactly as the event store reads them.

    @Test
    void aRevision1HistoryLoadsAndTakesTheNewSettings() {
        fixture.given(StoredEvents.of("rev1-launch"))
                .when(change("rev1-launch", LinkPatch.NOTHING.with(LinkPatch.TAGS, List.of("launch")).with(LinkPatch.MAX_VISITS, 100)))
                .expectEvents(new LinkChanged("rev1-launch", "https://example.com/launch-v2", Instant.parse("2030-01-01T00:00:00Z"),
                        307, now, 100, false, List.of("launch"), null))
                .expectResultMessagePayload(new LinkState("rev1-launch", "https://example.com/launch-v2",
                        Instant.parse("2026-12-02T10:33:53.514435045Z"), Instant.parse("2030-01-01T00:00:00Z"), 307, LinkStatus.ACTIVE,
                        100, false, List.of("launch"), null));
    }

    @Test
    void aRevision1HistoryOfExpiryAndReactivationIsActiveWithoutNewSettings() {
        fixture.given(StoredEvents.of("rev1-expiring"))
                .when(change("rev1-expiring", LinkPatch.NOTHING.with(LinkPatch.URL, "https://example.com/short-lived")))
                .expectNoEvents()
                .expectResultMessagePayload(new LinkState("rev1-expiring", "https://example.com/short-lived",
                        Instant.parse("2026-12-02T10:33:53.841697725Z"), null, 302, LinkStatus.ACTIVE, null, false, List.of(), null));
    }

    @Test
    void aRevision1DeletedLinkStaysGone() {
        fixture.given(StoredEvents.of("rev1-deleted"))
                .when(change("rev1-deleted", LinkPatch.NOTHING.with(LinkPatch.TITLE, "back?")))
                .expectException(LinkGoneException.class);
    }
}
