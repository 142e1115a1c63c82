package io.shortlink.query.stats;

import io.shortlink.refusal.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsRangeTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @Test
    void byDefaultTheLastThirtyDaysIncludingToday() {
        StatsRange range = StatsRange.of(null, null, TODAY, 30, 366);
        assertThat(range).isEqualTo(new StatsRange(LocalDate.parse("2026-10-27"), TODAY));
        assertThat(range.days()).hasSize(30).startsWith(LocalDate.parse("2026-10-27")).endsWith(TODAY);
    }

    @Test
    void aGivenEndMovesTheDefaultStart() {
        assertThat(StatsRange.of(null, "2026-01-31", TODAY, 30, 366))
                .isEqualTo(new StatsRange(LocalDate.parse("2026-01-02"), LocalDate.parse("2026-01-31")));
        assertThat(StatsRange.of("2026-11-20", null, TODAY, 30, 366))
                .isEqualTo(new StatsRange(LocalDate.parse("2026-11-20"), TODAY));
    }

    @Test
    void badDatesReversedAndTooLongRangesAreRefused() {
        assertThatThrownBy(() -> StatsRange.of("2026-02-30", null, TODAY, 30, 366)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("from: must be a date");
        assertThatThrownBy(() -> StatsRange.of("2026-11-26", "2026-11-25", TODAY, 30, 366)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("from: must not be after to");
        assertThatThrownBy(() -> StatsRange.of("2025-11-24", "2026-11-25", TODAY, 30, 366)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 366 days");
        assertThat(StatsRange.of("2025-11-25", "2026-11-25", TODAY, 30, 366).days()).hasSize(366);
    }
}
