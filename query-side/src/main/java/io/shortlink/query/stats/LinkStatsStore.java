package io.shortlink.query.stats;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The link-stats tables (see the V2026.11.25.40 migration), the live ones or those of a generation being rebuilt. Writes happen inside the link-stats processor's
 * transaction, through the same DataSource as its token store, so that rows and token commit together. A batch is
 * one statement per table: the columns travel as arrays and are unnested into a multi-row upsert.
 */
@Repository
class LinkStatsStore {

    record DayRow(LocalDate day, long clicks, long uniqueVisitors, long botClicks) {
    }

    record ValueClicks(String value, long clicks) {
    }

    record Totals(long clicks, long botClicks) {
    }

    static final String LINKS = "link_stats_link";
    static final String DAILY = "link_stats_daily";
    static final String VISITORS = "link_stats_visitor";
    static final String DIMENSIONS = "link_stats_dimension";
    static final String TOTALS = "link_stats_total";

    private final JdbcTemplate jdbc;
    private final String linksTable;
    private final String dailyTable;
    private final String visitorsTable;
    private final String dimensionsTable;
    private final String totalsTable;
    private final String upsertLinks;
    private final String insertVisitors;
    private final String upsertDays;
    private final String upsertDimensions;
    private final String upsertTotals;

    @Autowired
    LinkStatsStore(JdbcTemplate jdbc) {
        this(jdbc, "");
    }

    /** The tables whose names end in {@code suffix}: those of a generation being rebuilt. */
    LinkStatsStore(JdbcTemplate jdbc, String suffix) {
        this.jdbc = jdbc;
        this.linksTable = LINKS + suffix;
        this.dailyTable = DAILY + suffix;
        this.visitorsTable = VISITORS + suffix;
        this.dimensionsTable = DIMENSIONS + suffix;
        this.totalsTable = TOTALS + suffix;
        this.upsertLinks = """
                insert into %s (code, owner)
                select * from unnest(?::varchar[], ?::varchar[])
                on conflict (code) do update set owner = excluded.owner""".formatted(linksTable);
        this.insertVisitors = """
                with new_visitor as (
                    insert into %s (code, day, visitor)
                    select * from unnest(?::varchar[], ?::varchar[]::date[], ?::varchar[])
                    on conflict do nothing
                    returning code, day)
                select code, day, count(*) from new_visitor group by code, day""".formatted(visitorsTable);
        this.upsertDays = """
                insert into %s as d (code, day, clicks, unique_visitors, bot_clicks)
                select * from unnest(?::varchar[], ?::varchar[]::date[], ?::int8[], ?::int8[], ?::int8[])
                on conflict (code, day) do update set clicks = d.clicks + excluded.clicks,
                    unique_visitors = d.unique_visitors + excluded.unique_visitors, bot_clicks = d.bot_clicks + excluded.bot_clicks"""
                .formatted(dailyTable);
        this.upsertDimensions = """
                insert into %s as d (code, day, dimension, value, clicks)
                select * from unnest(?::varchar[], ?::varchar[]::date[], ?::varchar[], ?::text[], ?::int8[])
                on conflict (code, dimension, day, value) do update set clicks = d.clicks + excluded.clicks"""
                .formatted(dimensionsTable);
        this.upsertTotals = """
                insert into %s as t (code, clicks, bot_clicks)
                select * from unnest(?::varchar[], ?::int8[], ?::int8[])
                on conflict (code) do update set clicks = t.clicks + excluded.clicks, bot_clicks = t.bot_clicks + excluded.bot_clicks"""
                .formatted(totalsTable);
    }

    void write(StatsBatch batch) {
        if (!batch.owners().isEmpty()) {
            List<Map.Entry<String, String>> links = new ArrayList<>(batch.owners().entrySet());
            jdbc.update(upsertLinks, arrays(column("varchar", links, Map.Entry::getKey), column("varchar", links, Map.Entry::getValue)));
        }
        if (batch.days().isEmpty()) {
            return;
        }
        Map<StatsBatch.Day, Long> newVisitors = insertVisitors(batch.visitors());
        batch.visitorsOfClosedDays().forEach((day, visitors) -> newVisitors.merge(day, visitors, Long::sum));
        batch.closesDaysBefore().ifPresent(firstOpenDay -> jdbc.update("delete from " + visitorsTable + " where day < ?", firstOpenDay));
        List<Map.Entry<StatsBatch.Day, StatsBatch.Counts>> days = List.copyOf(batch.days().entrySet());
        jdbc.update(upsertDays, arrays(
                column("varchar", days, e -> e.getKey().code()),
                column("varchar", days, e -> e.getKey().day().toString()),
                column("int8", days, e -> e.getValue().clicks),
                column("int8", days, e -> newVisitors.getOrDefault(e.getKey(), 0L)),
                column("int8", days, e -> e.getValue().botClicks)));
        List<Map.Entry<StatsBatch.DimensionValue, Long>> values = List.copyOf(batch.dimensionClicks().entrySet());
        if (!values.isEmpty()) {
            jdbc.update(upsertDimensions, arrays(
                    column("varchar", values, e -> e.getKey().day().code()),
                    column("varchar", values, e -> e.getKey().day().day().toString()),
                    column("varchar", values, e -> e.getKey().dimension().column),
                    column("text", values, e -> e.getKey().value()),
                    column("int8", values, Map.Entry::getValue)));
        }
        Map<String, StatsBatch.Counts> totals = new TreeMap<>();
        batch.days().forEach((day, counts) -> {
            StatsBatch.Counts total = totals.computeIfAbsent(day.code(), code -> new StatsBatch.Counts());
            total.clicks += counts.clicks;
            total.botClicks += counts.botClicks;
        });
        List<Map.Entry<String, StatsBatch.Counts>> codes = List.copyOf(totals.entrySet());
        jdbc.update(upsertTotals, arrays(
                column("varchar", codes, Map.Entry::getKey),
                column("int8", codes, e -> e.getValue().clicks),
                column("int8", codes, e -> e.getValue().botClicks)));
    }

    /** Inserts the batch's visitors and answers how many of them each day had not seen yet. */
    private Map<StatsBatch.Day, Long> insertVisitors(Set<StatsBatch.Visitor> visitors) {
        Map<StatsBatch.Day, Long> newPerDay = new HashMap<>();
        if (visitors.isEmpty()) {
            return newPerDay;
        }
        List<StatsBatch.Visitor> rows = List.copyOf(visitors);
        jdbc.query(insertVisitors, arrays(
                        column("varchar", rows, v -> v.day().code()),
                        column("varchar", rows, v -> v.day().day().toString()),
                        column("varchar", rows, StatsBatch.Visitor::visitor)),
                row -> {
                    newPerDay.put(new StatsBatch.Day(row.getString(1), row.getObject(2, LocalDate.class)), row.getLong(3));
                });
        return newPerDay;
    }

    /** The latest day of the stored visitors, {@code null} when there are none (an index lookup: the key leads with the day). */
    LocalDate latestVisitorDay() {
        return jdbc.queryForObject("select max(day) from " + visitorsTable, LocalDate.class);
    }

    void deleteAll() {
        jdbc.update("truncate " + String.join(", ", linksTable, dailyTable, visitorsTable, dimensionsTable, totalsTable));
    }

    Optional<KnownLink> findLink(String code) {
        return jdbc.query("select owner from " + linksTable + " where code = ?",
                (row, n) -> new KnownLink(row.getString(1)), code).stream().findFirst();
    }

    List<DayRow> days(String code, LocalDate from, LocalDate to) {
        return jdbc.query("select day, clicks, unique_visitors, bot_clicks from " + dailyTable
                        + " where code = ? and day between ? and ? order by day",
                (row, n) -> new DayRow(row.getObject(1, LocalDate.class), row.getLong(2), row.getLong(3), row.getLong(4)),
                code, from, to);
    }

    /** Each dimension's values with their clicks in the range, most clicked first. */
    Map<Dimension, List<ValueClicks>> dimensions(String code, LocalDate from, LocalDate to) {
        Map<Dimension, List<ValueClicks>> byDimension = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            byDimension.put(dimension, new ArrayList<>());
        }
        jdbc.query("select dimension, value, sum(clicks) as clicks from " + dimensionsTable
                        + " where code = ? and day between ? and ? group by dimension, value order by clicks desc, value",
                row -> {
                    byDimension.get(Dimension.ofColumn(row.getString(1))).add(new ValueClicks(row.getString(2), row.getLong(3)));
                }, code, from, to);
        return byDimension;
    }

    Map<String, Totals> totals(Collection<String> codes) {
        Map<String, Totals> totals = new HashMap<>();
        if (codes.isEmpty()) {
            return totals;
        }
        List<String> list = List.copyOf(codes);
        jdbc.query("select code, clicks, bot_clicks from " + totalsTable + " where code = any (?::varchar[])",
                arrays(column("varchar", list, Function.identity())),
                row -> {
                    totals.put(row.getString(1), new Totals(row.getLong(2), row.getLong(3)));
                });
        return totals;
    }

    private record Column(String sqlType, Object[] values) {
    }

    private static <T> Column column(String sqlType, List<T> rows, Function<T, ?> value) {
        return new Column(sqlType, rows.stream().map(value).toArray());
    }

    private static PreparedStatementSetter arrays(Column... columns) {
        return statement -> {
            for (int i = 0; i < columns.length; i++) {
                Array array = statement.getConnection().createArrayOf(columns[i].sqlType(), columns[i].values());
                statement.setArray(i + 1, array);
            }
        };
    }
}
