package io.rastro.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which days of a period count as whole: only those the period covers from midnight to midnight (UTC). */
class PageHistogramTest {

    @Test
    void daysAtTheEdgesOfThePeriodAreNotWhole() {
        assertThat(PageHistogram.wholeDays(Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-05T10:00:00Z"), null))
                .containsExactly("20261102", "20261103", "20261104");
    }

    @Test
    void aPeriodFromMidnightToMidnightIsAllWholeDays() {
        assertThat(PageHistogram.wholeDays(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-04T00:00:00Z"), null))
                .containsExactly("20261101", "20261102", "20261103");
    }

    @Test
    void aPeriodWithinOneDayHasNoWholeDay() {
        assertThat(PageHistogram.wholeDays(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T23:59:59.999Z"), null))
                .isEmpty();
        assertThat(PageHistogram.wholeDays(Instant.parse("2026-11-01T00:00:00.001Z"), Instant.parse("2026-11-02T00:00:00Z"), null))
                .isEmpty();
    }

    @Test
    void theCursorsDayKeepsItsHours() {
        var cursor = new Cursor(Instant.parse("2026-11-03T17:30:00Z"), "wamid.x");
        assertThat(PageHistogram.wholeDays(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-05T00:00:00Z"), cursor))
                .containsExactly("20261101", "20261102", "20261104");
    }
}
