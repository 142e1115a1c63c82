package io.shortlink.query.stats;

import io.shortlink.events.LinkClicked;
import io.shortlink.events.LinkCreated;
import io.shortlink.query.FreshDatabase;
import io.shortlink.query.ProcessorBatches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The stats the projection builds from links and clicks, read back as the stats API reads them: against a real
 * PostgreSQL, with the user agents' classification faked (Yauaa takes seconds to build).
 */
class LinkStatsProjectionTest {

    private static final String CHROME_ON_WINDOWS = "chrome-on-windows";
    private static final String SAFARI_ON_IPHONE = "safari-on-iphone";
    private static final String GOOGLEBOT = "googlebot";
    private static final LocalDate DAY1 = LocalDate.parse("2026-11-02");
    private static final LocalDate DAY3 = DAY1.plusDays(2);

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private LinkStatsProjection projection;
    private LinkStatsQueries queries;

    @BeforeEach
    void projection() {
        LinkStatsStore store = new LinkStatsStore(database.jdbc());
        UserAgents userAgents = mock(UserAgents.class);
        when(userAgents.classify(CHROME_ON_WINDOWS)).thenReturn(new UserAgents.Agent(false, "Chrome", "Windows NT", "Desktop"));
        when(userAgents.classify(SAFARI_ON_IPHONE)).thenReturn(new UserAgents.Agent(false, "Safari", "iOS", "Phone"));
        when(userAgents.classify(GOOGLEBOT)).thenReturn(new UserAgents.Agent(true, "Googlebot", "unknown", "Robot"));
        projection = new LinkStatsProjection(store, userAgents);
        queries = new LinkStatsQueries(store, new DataSourceTransactionManager(database.dataSource()));
    }

    private static LinkClicked click(LocalDate day, String visitor, String referrer, String userAgent, String country) {
        Instant at = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
        return new LinkClicked("abc", at, referrer, userAgent, visitor, country);
    }

    private LinkStats stats(LocalDate from, LocalDate to) {
        return queries.stats("abc", new StatsRange(from, to));
    }

    @Test
    void countsClicksAndUniqueVisitorsPerDayWithTheQuietDaysAsZero() {
        ProcessorBatches.handle(projection,
                click(DAY1, "v1", "direct", CHROME_ON_WINDOWS, "DE"), click(DAY1, "v1", "direct", CHROME_ON_WINDOWS, "DE"),
                click(DAY1, "v2", "direct", CHROME_ON_WINDOWS, "DE"));
        ProcessorBatches.handle(projection, click(DAY3, "v1", "direct", CHROME_ON_WINDOWS, "DE"));

        LinkStats stats = stats(DAY1.minusDays(1), DAY3.plusDays(1));

        assertThat(stats.daily()).containsExactly(new LinkStats.Day(DAY1.minusDays(1), 0, 0), new LinkStats.Day(DAY1, 3, 2),
                new LinkStats.Day(DAY1.plusDays(1), 0, 0), new LinkStats.Day(DAY3, 1, 1), new LinkStats.Day(DAY3.plusDays(1), 0, 0));
        assertThat(stats.totalClicks()).isEqualTo(4);
        assertThat(stats.uniqueVisitors()).isEqualTo(3);
        assertThat(stats(DAY3, DAY3).totalClicks()).as("only the days of the range").isEqualTo(1);
    }

    @Test
    void aRangeWithoutClicksIsAllZeroDays() {
        ProcessorBatches.handle(projection, click(DAY3, "v1", "direct", CHROME_ON_WINDOWS, "DE"));

        LinkStats stats = stats(DAY1, DAY1.plusDays(1));

        assertThat(stats.daily()).containsExactly(new LinkStats.Day(DAY1, 0, 0), new LinkStats.Day(DAY1.plusDays(1), 0, 0));
        assertThat(stats.totalClicks()).isZero();
        assertThat(stats.referrers()).isEmpty();
        assertThat(stats.devices()).isEmpty();
    }

    @Test
    void breaksClicksDownByReferrerCountryBrowserOperatingSystemAndDevice() {
        ProcessorBatches.handle(projection,
                click(DAY1, "v1", "news.example", CHROME_ON_WINDOWS, "DE"),
                click(DAY1, "v2", "news.example", SAFARI_ON_IPHONE, "FR"),
                click(DAY1, "v3", "direct", SAFARI_ON_IPHONE, "FR"),
                click(DAY1, "v4", "news.example", SAFARI_ON_IPHONE, "unknown"));

        LinkStats stats = stats(DAY1, DAY1);

        assertThat(stats.referrers()).containsExactly(entry("news.example", 3), entry("direct", 1));
        assertThat(stats.countries()).containsExactly(entry("FR", 2), entry("DE", 1), entry("unknown", 1));
        assertThat(stats.browsers()).containsExactly(entry("Safari", 3), entry("Chrome", 1));
        assertThat(stats.operatingSystems()).containsExactly(entry("iOS", 3), entry("Windows NT", 1));
        assertThat(stats.devices()).containsExactly(entry("Phone", 3), entry("Desktop", 1));
    }

    @Test
    void botsCountOnlyAsBotClicks() {
        ProcessorBatches.handle(projection, click(DAY1, "v1", "direct", CHROME_ON_WINDOWS, "DE"),
                click(DAY1, "crawler", "search.example", GOOGLEBOT, "US"), click(DAY1, "crawler", "search.example", GOOGLEBOT, "US"));

        LinkStats stats = stats(DAY1, DAY1);

        assertThat(stats.botClicks()).isEqualTo(2);
        assertThat(stats.totalClicks()).isEqualTo(1);
        assertThat(stats.uniqueVisitors()).isEqualTo(1);
        assertThat(stats.referrers()).containsExactly(entry("direct", 1));
        assertThat(stats.browsers()).containsExactly(entry("Chrome", 1));
        assertThat(queries.totalClicks(List.of("abc", "never-clicked"))).isEqualTo(Map.of("abc", 1L, "never-clicked", 0L));
    }

    @Test
    void listsTheTenMostClickedValuesAndSumsTheRestAsOther() {
        ProcessorBatches.handle(projection, IntStream.rangeClosed(1, 12)
                .boxed()
                .flatMap(site -> IntStream.rangeClosed(1, site).mapToObj(n -> click(DAY1, "v" + n, "site" + site + ".example",
                        CHROME_ON_WINDOWS, "DE")))
                .toArray());

        List<LinkStats.Entry> referrers = stats(DAY1, DAY1).referrers();

        assertThat(referrers).hasSize(LinkStatsQueries.LIST_LIMIT + 1);
        assertThat(referrers.get(0)).isEqualTo(entry("site12.example", 12));
        assertThat(referrers.get(9)).isEqualTo(entry("site3.example", 3));
        assertThat(referrers.get(10)).isEqualTo(entry(LinkStatsQueries.OTHER, 2 + 1));
    }

    @Test
    void knowsEachCreatedLinkAndItsOwner() {
        ProcessorBatches.handle(projection,
                new LinkCreated("abc", "https://example.com/a", "alice", 302, null, Instant.EPOCH, null, false, List.of(), null),
                new LinkCreated("anon", "https://example.com/b", null, 302, null, Instant.EPOCH, null, false, List.of(), null));

        assertThat(queries.link("abc")).contains(new KnownLink("alice"));
        assertThat(queries.link("anon")).contains(new KnownLink(null));
        assertThat(queries.link("nope")).isEmpty();
    }

    @Test
    void aResetForgetsEverything() {
        ProcessorBatches.handle(projection,
                new LinkCreated("abc", "https://example.com/a", "alice", 302, null, Instant.EPOCH, null, false, List.of(), null),
                click(DAY1, "v1", "direct", CHROME_ON_WINDOWS, "DE"));

        projection.reset();

        assertThat(queries.link("abc")).isEmpty();
        assertThat(stats(DAY1, DAY1).totalClicks()).isZero();
    }

    private static LinkStats.Entry entry(String value, long clicks) {
        return new LinkStats.Entry(value, clicks);
    }
}
