package io.shortlink.query.stats;

import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.ValidationException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The days a stats request covers, both ends included: by default the last {@code defaultDays} days, UTC. */
record StatsRange(LocalDate from, LocalDate to) {

    /**
     * @throws ValidationException listing each bad parameter: not a date, {@code from} after {@code to}, or more than
     *                             {@code maxDays} days
     */
    static StatsRange of(String from, String to, LocalDate today, int defaultDays, int maxDays) {
        List<FieldViolation> errors = new ArrayList<>();
        LocalDate end = date("to", to, today, errors);
        LocalDate start = date("from", from, end == null ? today : end.minusDays(defaultDays - 1L), errors);
        if (errors.isEmpty() && start.isAfter(end)) {
            errors.add(error("from", "must not be after to (" + end + ")"));
        } else if (errors.isEmpty() && ChronoUnit.DAYS.between(start, end) + 1 > maxDays) {
            errors.add(error("to", "the range may cover at most " + maxDays + " days"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new StatsRange(start, end);
    }

    private static LocalDate date(String field, String value, LocalDate defaultDate, List<FieldViolation> errors) {
        if (value == null || value.isEmpty()) {
            return defaultDate;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException notADate) {
            errors.add(error(field, "must be a date as YYYY-MM-DD"));
            return null;
        }
    }

    private static FieldViolation error(String field, String message) {
        return new FieldViolation(field, message);
    }

    List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }
}
