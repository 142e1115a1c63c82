package io.shortlink.query.stats;

import io.shortlink.events.LinkClicked;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The new links and the clicks of one batch of the link-stats processor, summed in memory so that the batch is written
 * as one bulk upsert per table. Everything is keyed by the click's own time, never the clock: a replay computes the same rows.
 * Keys are kept sorted, so that concurrent batches (several segments) lock rows in the same order and cannot deadlock.
 */
final class StatsBatch {

    record Day(String code, LocalDate day) {
    }

    record DimensionValue(Day day, Dimension dimension, String value) {
    }

    record Visitor(Day day, String visitor) {
    }

    static final class Counts {
        long clicks;
        long botClicks;
    }

    private static final Comparator<Day> DAY_ORDER = Comparator.comparing(Day::code).thenComparing(Day::day);

    private final Map<String, String> owners = new TreeMap<>();
    private final Map<Day, Counts> days = new TreeMap<>(DAY_ORDER);
    private final Map<DimensionValue, Long> dimensionClicks = new TreeMap<>(Comparator
            .comparing(DimensionValue::day, DAY_ORDER).thenComparing(DimensionValue::dimension).thenComparing(DimensionValue::value));
    private final Set<Visitor> visitors = new TreeSet<>(Comparator.comparing(Visitor::day, DAY_ORDER).thenComparing(Visitor::visitor));
    private final Map<Day, Long> visitorsOfClosedDays = new TreeMap<>(DAY_ORDER);
    private final LocalDate latestDayBefore;
    private LocalDate latestDay;

    /** @param latestDay the latest day of people's clicks before this batch ({@code null} before any) */
    StatsBatch(LocalDate latestDay) {
        this.latestDayBefore = latestDay;
        this.latestDay = latestDay;
    }

    /** @param owner {@code null} for an anonymous link */
    void addLink(String code, String owner) {
        owners.put(code, owner);
    }

    /**
     * @param openDays the days whose visitors can still be recognised, moved on by people's clicks; a click of a
     *                 closed day counts as a new visitor
     */
    void add(LinkClicked click, UserAgents.Agent agent, OpenVisitorDays openDays) {
        Day day = new Day(click.code(), LocalDate.ofInstant(click.clickedAt(), ZoneOffset.UTC));
        Counts counts = days.computeIfAbsent(day, d -> new Counts());
        if (agent.bot()) {
            counts.botClicks++;
            return;
        }
        counts.clicks++;
        if (openDays.admit(day.day())) {
            visitors.add(new Visitor(day, click.visitor()));
        } else {
            visitorsOfClosedDays.merge(day, 1L, Long::sum);
        }
        latestDay = openDays.latest();
        count(day, Dimension.REFERRER, click.referrerHost());
        count(day, Dimension.COUNTRY, click.country());
        count(day, Dimension.BROWSER, agent.browser());
        count(day, Dimension.OPERATING_SYSTEM, agent.operatingSystem());
        count(day, Dimension.DEVICE, agent.device());
    }

    private void count(Day day, Dimension dimension, String value) {
        dimensionClicks.merge(new DimensionValue(day, dimension, value), 1L, Long::sum);
    }

    Map<String, String> owners() {
        return owners;
    }

    Map<Day, Counts> days() {
        return days;
    }

    Map<DimensionValue, Long> dimensionClicks() {
        return dimensionClicks;
    }

    Set<Visitor> visitors() {
        return visitors;
    }

    /** Clicks of people on days already closed when they arrived: each is a visitor no one can recognise any more. */
    Map<Day, Long> visitorsOfClosedDays() {
        return visitorsOfClosedDays;
    }

    /** The first day whose visitors must still be kept, when this batch closed days; empty when it closed none. */
    Optional<LocalDate> closesDaysBefore() {
        boolean moved = latestDay != null && !latestDay.equals(latestDayBefore);
        return moved ? Optional.of(OpenVisitorDays.firstOpenDay(latestDay)) : Optional.empty();
    }
}
