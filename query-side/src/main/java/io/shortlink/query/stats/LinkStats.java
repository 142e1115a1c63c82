package io.shortlink.query.stats;

import java.time.LocalDate;
import java.util.List;

/** The answer of {@code GET /api/v1/links/{code}/stats}; bots count only in {@code botClicks}. */
public record LinkStats(
        String code,
        LocalDate from,
        LocalDate to,
        long totalClicks,
        long uniqueVisitors,
        long botClicks,
        List<Day> daily,
        List<Entry> referrers,
        List<Entry> countries,
        List<Entry> browsers,
        List<Entry> operatingSystems,
        List<Entry> devices) {

    public record Day(LocalDate date, long clicks, long uniqueVisitors) {
    }

    public record Entry(String value, long clicks) {
    }
}
