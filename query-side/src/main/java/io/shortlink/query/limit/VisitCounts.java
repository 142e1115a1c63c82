package io.shortlink.query.limit;

import io.shortlink.events.VisitLimitReached;
import io.shortlink.query.stats.LinkStatsQueries;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Table {@code visit_count}: a row per link that has, or had, a visit limit. A link created with a limit starts from
 * zero: all its clicks carry the mark and are counted here. A link that gets its first limit later starts from its
 * {@code totalClicks} in the stats at that moment (the stats processor may be a batch ahead or behind: the difference
 * is part of the inexactness docs/adr/0024 states).
 */
@Repository
class VisitCounts {

    private final JdbcTemplate jdbc;
    private final LinkStatsQueries stats;
    private final VisitLimitReports reports;
    private final Clock clock = Clock.systemUTC();
    VisitCounts(JdbcTemplate jdbc, LinkStatsQueries stats, VisitLimitReports reports) {
        this.jdbc = jdbc;
        this.stats = stats;
        this.reports = reports;
    }

    /** The limits and human visits of one batch of events, written when it commits. */
    static final class Batch {
        /** code → its limit as the batch's last link event set it ({@code null}: none). */
        final Map<String, Integer> limits = new LinkedHashMap<>();
        /** The codes created in this batch with a limit they still have: none of their clicks were left uncounted. */
        final Set<String> limitedSinceCreation = new HashSet<>();
        final Map<String, Long> visits = new HashMap<>();

        void created(String code, Integer maxVisits) {
            limit(code, maxVisits);
            if (maxVisits != null) {
                limitedSinceCreation.add(code);
            }
        }

        void limit(String code, Integer maxVisits) {
            limits.put(code, maxVisits);
            if (maxVisits == null) {
                limitedSinceCreation.remove(code);
            }
        }

        /**
         * Where a new limit starts counting: from zero for a link limited since its creation, whose clicks this batch
         * and the next ones count (the stats may have counted them already); otherwise from the stats' count.
         */
        long startingVisits(String code, Integer maxVisits, LinkStatsQueries stats) {
            return maxVisits == null || limitedSinceCreation.contains(code) ? 0 : stats.totalClicks(code);
        }

        void visit(String code) {
            visits.merge(code, 1L, Long::sum);
        }
    }

    /**
     * Limits first (a limit that appears for a link without a row starts from the stats' count), then visits, then a
     * report for each link of the batch whose count reached a limit not reported yet. A failing report fails the batch,
     * which is then handled again: reports are at least once, and the command side ignores a repeated one.
     */
    void write(Batch batch) {
        List<Object[]> limits = new ArrayList<>();
        batch.limits.forEach((code, max) -> limits.add(new Object[]{code, max, batch.startingVisits(code, max, stats)}));
        if (!limits.isEmpty()) {
            // While a link had no limit its visits were not counted here: a new limit starts from the stats' count.
            jdbc.batchUpdate("insert into visit_count (code, max_visits, visits) values (?, ?, ?) on conflict (code) do update"
                    + " set max_visits = excluded.max_visits,"
                    + " visits = case when visit_count.max_visits is null then excluded.visits else visit_count.visits end", limits);
        }
        if (!batch.visits.isEmpty()) {
            // One statement for the batch's clicks; those of links without a limit match no row.
            jdbc.update("update visit_count v set visits = v.visits + c.n from unnest(?::text[], ?::bigint[]) as c (code, n)"
                    + " where v.code = c.code and v.max_visits is not null",
                    batch.visits.keySet().toArray(String[]::new), batch.visits.values().toArray(Long[]::new));
        }
        List<String> touched = new ArrayList<>(batch.limits.keySet());
        touched.addAll(batch.visits.keySet());
        if (touched.isEmpty()) {
            return;
        }
        List<VisitLimitReached> reached = jdbc.query("select code, visits, max_visits from visit_count where code = any (?)"
                        + " and max_visits is not null and visits >= max_visits and reported_max is distinct from max_visits",
                (row, n) -> new VisitLimitReached(row.getString("code"), row.getLong("visits"), row.getInt("max_visits"),
                        clock.instant()), (Object) touched.toArray(String[]::new));
        if (!reached.isEmpty()) {
            reports.send(reached);
            jdbc.batchUpdate("update visit_count set reported_max = ? where code = ?",
                    reached.stream().map(report -> new Object[]{report.maxVisits(), report.code()}).toList());
        }
    }

}
