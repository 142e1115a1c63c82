package io.shortlink.query.stats;

import io.shortlink.events.LinkClicked;
import io.shortlink.query.FreshDatabase;
import io.shortlink.query.replay.TableGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The visitor rows of the link stats are bounded to the days that can still change: against a real PostgreSQL. */
class LinkStatsVisitorDaysTest {

    private static final UserAgents.Agent PERSON = new UserAgents.Agent(false, "Chrome", "Windows", "Desktop");
    private static final UserAgents.Agent BOT = new UserAgents.Agent(true, "Googlebot", "unknown", "Robot");
    private static final LocalDate FIRST = LocalDate.parse("2026-03-01");
    private static final LocalDate SECOND = FIRST.plusDays(1);
    private static final LocalDate THIRD = FIRST.plusDays(2);
    private static final LocalDate FOURTH = FIRST.plusDays(3);

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Test
    void keepsTheVisitorsOfTheLatestDayAndTheDayBeforeOnly() {
        Projection stats = new Projection(new LinkStatsStore(database.jdbc()));

        stats.batch(click("a", FIRST), click("b", FIRST), click("a", FIRST));
        stats.batch(click("a", SECOND));
        assertThat(visitorDays()).containsExactly(FIRST, SECOND);
        stats.batch(click("c", THIRD));

        assertThat(visitorDays()).as("the first day closed when the third began").containsExactly(SECOND, THIRD);
        assertThat(uniqueVisitors()).containsExactlyInAnyOrderEntriesOf(Map.of(FIRST, 2L, SECOND, 1L, THIRD, 1L));
    }

    @Test
    void recognisesLateVisitorsOfTheDayBeforeAndCountsThoseOfAClosedDayAsNew() {
        new Projection(new LinkStatsStore(database.jdbc())).batch(click("a", FIRST), click("a", SECOND), click("c", THIRD));

        Projection restarted = new Projection(new LinkStatsStore(database.jdbc()));
        restarted.batch(click("a", SECOND), click("a", FIRST), click("b", FIRST, BOT));

        assertThat(uniqueVisitors()).as("a is known on the second day, but no longer on the closed first")
                .containsExactlyInAnyOrderEntriesOf(Map.of(FIRST, 2L, SECOND, 1L, THIRD, 1L));
        assertThat(database.jdbc().queryForObject("select clicks from link_stats_daily where day = ?", Long.class, FIRST)).isEqualTo(2);
        assertThat(visitorDays()).containsExactly(SECOND, THIRD);
    }

    @Test
    void botsDoNotMoveTheDaysOn() {
        Projection stats = new Projection(new LinkStatsStore(database.jdbc()));
        stats.batch(click("a", FIRST), click("bot", FOURTH, BOT));
        stats.batch(click("a", FIRST));

        assertThat(uniqueVisitors().get(FIRST)).isEqualTo(1L);
        assertThat(visitorDays()).containsExactly(FIRST);
    }

    /** A replay compares its generation with the live one row by row: where the batches end must not matter. */
    @Test
    void batchesOfAnySizeLeaveTheSameRows() {
        List<LinkClicked> clicks = List.of(click("a", FIRST), click("b", FIRST), click("a", SECOND), click("c", THIRD),
                click("a", FIRST), click("b", SECOND), click("b", SECOND), click("bot", FOURTH.plusDays(5), BOT),
                click("d", FOURTH), click("c", THIRD), click("a", SECOND), click("e", FOURTH));
        Projection live = new Projection(new LinkStatsStore(database.jdbc()));
        clicks.forEach(live::batch);
        TableGeneration rebuilt = new TableGeneration("link-stats", LinkStatsReplay.TABLES, null, database.jdbc(),
                database.transactions());
        new Projection(new LinkStatsStore(database.jdbc(), TableGeneration.NEXT)).batch(clicks.toArray(LinkClicked[]::new));

        assertThat(rebuilt.differencesFromLive(10)).isEmpty();
        assertThat(visitorDays()).containsExactly(THIRD, FOURTH);
    }

    @Test
    void theMigrationDropsClosedDaysOfATableAReplaySwitchedIn() {
        JdbcTemplate jdbc = database.jdbc();
        jdbc.execute("drop schema public cascade");
        jdbc.execute("create schema public");
        FreshDatabase.migrations(database.dataSource()).target("2026.12.02.1").load().migrate();
        // A replay's twin was created "like" the live table and renamed: its key kept the twin's name.
        jdbc.execute("alter table link_stats_visitor rename constraint link_stats_visitor_pkey to link_stats_visitor_next_pkey");
        for (LocalDate day : List.of(FIRST, SECOND, THIRD)) {
            jdbc.update("insert into link_stats_visitor (code, day, visitor) values ('x', ?, 'a'), ('y', ?, 'b')", day, day);
        }

        FreshDatabase.migrations(database.dataSource()).load().migrate();

        assertThat(visitorDays()).containsExactly(SECOND, THIRD);
        assertThat(jdbc.queryForObject("select count(*) from link_stats_visitor", Long.class)).isEqualTo(4);
        assertThat(jdbc.queryForList("""
                select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
                where i.indrelid = 'link_stats_visitor'::regclass and i.indisprimary
                order by array_position(i.indkey::int2[], a.attnum)""", String.class)).containsExactly("day", "code", "visitor");
    }

    /** What the projection does per batch of the processor, without Axon's unit of work around it. */
    private static final class Projection {

        private final LinkStatsStore store;
        private final OpenVisitorDays openDays;

        Projection(LinkStatsStore store) {
            this.store = store;
            this.openDays = new OpenVisitorDays(store::latestVisitorDay);
        }

        void batch(LinkClicked... clicks) {
            StatsBatch batch = new StatsBatch(openDays.latest());
            for (LinkClicked click : clicks) {
                batch.add(click, "bot".equals(click.userAgent()) ? BOT : PERSON, openDays);
            }
            store.write(batch);
        }
    }

    private static LinkClicked click(String visitor, LocalDate day) {
        return click(visitor, day, PERSON);
    }

    private static LinkClicked click(String visitor, LocalDate day, UserAgents.Agent agent) {
        Instant at = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
        return new LinkClicked("code1", at, "direct", agent.bot() ? "bot" : "person", visitor, "DE");
    }

    private static List<LocalDate> visitorDays() {
        return database.jdbc().queryForList("select distinct day from link_stats_visitor order by day", LocalDate.class);
    }

    private static Map<LocalDate, Long> uniqueVisitors() {
        return database.jdbc().query("select day, unique_visitors from link_stats_daily", (row, n) -> Map.entry(
                row.getObject(1, LocalDate.class), row.getLong(2))).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
