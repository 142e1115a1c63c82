package io.shortlink.query.limit;

import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkClicked;
import io.shortlink.events.LinkCreated;
import io.shortlink.events.VisitLimitReached;
import io.shortlink.query.FreshDatabase;
import io.shortlink.query.ProcessorBatches;
import io.shortlink.query.stats.LinkStatsQueries;
import io.shortlink.query.stats.UserAgents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Which visits count towards a limit, and when the limit is reported: against a real PostgreSQL, with the stats'
 * totals, the user-agent classification and the Kafka reports faked.
 */
class VisitCountProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final String BOT = "a-bot";

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private final LinkStatsQueries stats = mock(LinkStatsQueries.class);
    private final RecordedReports reports = new RecordedReports();
    private VisitCountProjection projection;

    @BeforeEach
    void projection() {
        UserAgents userAgents = mock(UserAgents.class);
        when(userAgents.classify(anyString())).thenReturn(new UserAgents.Agent(false, "Chrome", "Windows", "Desktop"));
        when(userAgents.classify(BOT)).thenReturn(new UserAgents.Agent(true, "Googlebot", "unknown", "Robot"));
        projection = new VisitCountProjection(new VisitCounts(database.jdbc(), stats, reports), userAgents);
    }

    private static LinkCreated created(String code, Integer maxVisits) {
        return new LinkCreated(code, "https://example.com/" + code, "alice", 302, null, T0, maxVisits, false, List.of(), null);
    }

    private static LinkChanged limitChanged(String code, Integer maxVisits) {
        return new LinkChanged(code, "https://example.com/" + code, null, 302, T0, maxVisits, false, List.of(), null);
    }

    private static LinkClicked click(String code) {
        return click(code, "Mozilla/5.0");
    }

    private static LinkClicked click(String code, String userAgent) {
        return new LinkClicked(code, T0.plusSeconds(1), "direct", userAgent, "visitor", "DE");
    }

    private long visits(String code) {
        return database.jdbc().queryForObject("select visits from visit_count where code = ?", Long.class, code);
    }

    @Test
    void countsPeopleNotBotsAndReportsOnceWhenTheLimitIsReached() {
        ProcessorBatches.handle(projection, created("abc", 3), click("abc"), click("abc", BOT), click("abc"));
        assertThat(reports.sent).isEmpty();
        assertThat(visits("abc")).isEqualTo(2);

        ProcessorBatches.handle(projection, click("abc"));
        ProcessorBatches.handle(projection, click("abc"));

        assertThat(reports.sent).extracting(VisitLimitReached::code, VisitLimitReached::visits, VisitLimitReached::maxVisits)
                .containsExactly(tuple("abc", 3L, 3));
        assertThat(visits("abc")).isEqualTo(4);
    }

    /** The stats may have counted a new link's clicks before this processor sees the link: they count once. */
    @Test
    void aLinkCreatedWithALimitCountsItsClicksOnceWhenTheStatsAreAhead() {
        when(stats.totalClicks("abc")).thenReturn(3L);

        ProcessorBatches.handle(projection, created("abc", 3), click("abc"), click("abc"), click("abc"));

        assertThat(visits("abc")).isEqualTo(3);
        assertThat(reports.sent).extracting(VisitLimitReached::visits).containsExactly(3L);
    }

    @Test
    void linksWithoutLimitAreNotCounted() {
        ProcessorBatches.handle(projection, created("free", null), click("free"), click("free"));

        assertThat(database.jdbc().queryForObject("select count(*) from visit_count where max_visits is not null", Long.class))
                .isZero();
        assertThat(reports.sent).isEmpty();
    }

    @Test
    void aLimitGivenLaterStartsFromTheClicksInTheStats() {
        when(stats.totalClicks("abc")).thenReturn(9L);
        ProcessorBatches.handle(projection, created("abc", null), click("abc"));

        ProcessorBatches.handle(projection, limitChanged("abc", 10));
        assertThat(visits("abc")).isEqualTo(9);
        assertThat(reports.sent).isEmpty();
        ProcessorBatches.handle(projection, click("abc"));

        assertThat(reports.sent).extracting(VisitLimitReached::visits).containsExactly(10L);
    }

    @Test
    void aRaisedLimitIsReportedAgainWhenReached() {
        ProcessorBatches.handle(projection, created("abc", 1), click("abc"));
        ProcessorBatches.handle(projection, limitChanged("abc", 3), click("abc"));
        assertThat(reports.sent).hasSize(1);

        ProcessorBatches.handle(projection, click("abc"));

        assertThat(reports.sent).extracting(VisitLimitReached::maxVisits).containsExactly(1, 3);
    }

    /** The reports as Kafka would have taken them. */
    private static final class RecordedReports extends VisitLimitReports {

        final List<VisitLimitReached> sent = new ArrayList<>();

        RecordedReports() {
            super(null, null, null);
        }

        @Override
        void send(List<VisitLimitReached> reports) {
            sent.addAll(reports);
        }
    }
}
