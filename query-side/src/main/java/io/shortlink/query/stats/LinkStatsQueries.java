package io.shortlink.query.stats;

import io.shortlink.query.processing.ReadSnapshots;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads of the link stats: the stats API's report, and the total clicks that a link's metadata shows. Totals count
 * people only, like every figure of the stats but {@code botClicks}.
 */
@Component
public class LinkStatsQueries {

    static final int LIST_LIMIT = 10;
    static final String OTHER = "other";

    private final LinkStatsStore store;
    /** The days and the lists from one snapshot: read apart, a batch committed in between made them disagree. */
    private final TransactionTemplate oneSnapshot;

    LinkStatsQueries(LinkStatsStore store, PlatformTransactionManager transactionManager) {
        this.store = store;
        this.oneSnapshot = ReadSnapshots.of(transactionManager);
    }

    /** The owner of a link the stats know ({@code null} inside for an anonymous link); empty for an unknown code. */
    public Optional<KnownLink> link(String code) {
        return store.findLink(code);
    }

    LinkStats stats(String code, StatsRange range) {
        return oneSnapshot.execute(transaction -> statsOf(code, range));
    }

    private LinkStats statsOf(String code, StatsRange range) {
        Map<LocalDate, LinkStatsStore.DayRow> rows = store.days(code, range.from(), range.to()).stream()
                .collect(Collectors.toMap(LinkStatsStore.DayRow::day, Function.identity()));
        List<LinkStats.Day> daily = new ArrayList<>();
        long clicks = 0;
        long uniqueVisitors = 0;
        long botClicks = 0;
        for (LocalDate day : range.days()) {
            LinkStatsStore.DayRow row = rows.getOrDefault(day, new LinkStatsStore.DayRow(day, 0, 0, 0));
            daily.add(new LinkStats.Day(day, row.clicks(), row.uniqueVisitors()));
            clicks += row.clicks();
            uniqueVisitors += row.uniqueVisitors();
            botClicks += row.botClicks();
        }
        Map<Dimension, List<LinkStatsStore.ValueClicks>> dimensions = store.dimensions(code, range.from(), range.to());
        return new LinkStats(code, range.from(), range.to(), clicks, uniqueVisitors, botClicks, daily,
                top(dimensions.get(Dimension.REFERRER)), top(dimensions.get(Dimension.COUNTRY)),
                top(dimensions.get(Dimension.BROWSER)), top(dimensions.get(Dimension.OPERATING_SYSTEM)),
                top(dimensions.get(Dimension.DEVICE)));
    }

    /** The {@link #LIST_LIMIT} most clicked values (already sorted by clicks), and the rest summed as "other". */
    private static List<LinkStats.Entry> top(List<LinkStatsStore.ValueClicks> values) {
        List<LinkStats.Entry> top = new ArrayList<>();
        long rest = 0;
        for (int i = 0; i < values.size(); i++) {
            if (i < LIST_LIMIT) {
                top.add(new LinkStats.Entry(values.get(i).value(), values.get(i).clicks()));
            } else {
                rest += values.get(i).clicks();
            }
        }
        if (values.size() > LIST_LIMIT) {
            top.add(new LinkStats.Entry(OTHER, rest));
        }
        return top;
    }

    /** All clicks of a link by people since it exists: 0 for a link never clicked, or not known. */
    public long totalClicks(String code) {
        return totalClicks(List.of(code)).get(code);
    }

    /** {@link #totalClicks(String)} of many links in one query, say for a page of links; every code is in the answer. */
    public Map<String, Long> totalClicks(Collection<String> codes) {
        Map<String, LinkStatsStore.Totals> totals = store.totals(codes);
        Map<String, Long> clicks = new HashMap<>();
        for (String code : codes) {
            LinkStatsStore.Totals total = totals.get(code);
            clicks.put(code, total == null ? 0 : total.clicks());
        }
        return clicks;
    }
}
