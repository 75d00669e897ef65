package io.rastro.search;

import io.rastro.search.RelativePeriod.Range;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Relative periods resolved at fixed instants, across zones, month, year and week boundaries and DST changes. */
class SavedSearchPeriodTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");

    static Range at(String now, RelativePeriod range, ZoneId zone) {
        var resolver = new PeriodResolver(Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
        return resolver.resolve(SavedPeriod.relative(range, zone));
    }

    static Range range(String from, String to) {
        return new Range(Instant.parse(from), Instant.parse(to));
    }

    @Test
    void lastMonthIsTheLocalCalendarMonthBefore() {
        // 02:00 UTC on 1 March is still 28 February, 23:00, in São Paulo (UTC-3): last month there is January.
        var now = "2026-03-01T02:00:00Z";
        assertThat(at(now, RelativePeriod.LAST_MONTH, SAO_PAULO))
                .isEqualTo(range("2026-01-01T03:00:00Z", "2026-02-01T03:00:00Z"));
        assertThat(at(now, RelativePeriod.THIS_MONTH, SAO_PAULO))
                .isEqualTo(range("2026-02-01T03:00:00Z", "2026-03-01T03:00:00Z"));
        assertThat(at(now, RelativePeriod.LAST_MONTH, UTC))
                .isEqualTo(range("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"));
        // and already 1 March, 11:00, in Tokyo (UTC+9): last month is February there.
        assertThat(at(now, RelativePeriod.LAST_MONTH, TOKYO))
                .isEqualTo(range("2026-01-31T15:00:00Z", "2026-02-28T15:00:00Z"));
    }

    @Test
    void aYearBoundaryInOneZoneIsStillDecemberInAnother() {
        var now = "2026-01-01T01:30:00Z"; // 31 Dec 2025, 22:30 in São Paulo
        assertThat(at(now, RelativePeriod.THIS_MONTH, SAO_PAULO))
                .isEqualTo(range("2025-12-01T03:00:00Z", "2026-01-01T03:00:00Z"));
        assertThat(at(now, RelativePeriod.LAST_MONTH, SAO_PAULO))
                .isEqualTo(range("2025-11-01T03:00:00Z", "2025-12-01T03:00:00Z"));
        assertThat(at(now, RelativePeriod.TODAY, SAO_PAULO))
                .isEqualTo(range("2025-12-31T03:00:00Z", "2026-01-01T03:00:00Z"));
        assertThat(at(now, RelativePeriod.YESTERDAY, SAO_PAULO))
                .isEqualTo(range("2025-12-30T03:00:00Z", "2025-12-31T03:00:00Z"));
        assertThat(at(now, RelativePeriod.LAST_MONTH, UTC))
                .isEqualTo(range("2025-12-01T00:00:00Z", "2026-01-01T00:00:00Z"));
        assertThat(at(now, RelativePeriod.YESTERDAY, UTC))
                .isEqualTo(range("2025-12-31T00:00:00Z", "2026-01-01T00:00:00Z"));
        // Thursday 1 January 2026: the ISO week began on Monday 29 December 2025.
        assertThat(at(now, RelativePeriod.THIS_WEEK, UTC))
                .isEqualTo(range("2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z"));
        assertThat(at(now, RelativePeriod.LAST_WEEK, UTC))
                .isEqualTo(range("2025-12-22T00:00:00Z", "2025-12-29T00:00:00Z"));
    }

    @Test
    void weeksRunMondayToMondayInTheZone() {
        var now = "2026-03-02T01:00:00Z"; // Monday 01:00 UTC; still Sunday 22:00 in São Paulo
        assertThat(at(now, RelativePeriod.THIS_WEEK, UTC))
                .isEqualTo(range("2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z"));
        assertThat(at(now, RelativePeriod.LAST_WEEK, UTC))
                .isEqualTo(range("2026-02-23T00:00:00Z", "2026-03-02T00:00:00Z"));
        assertThat(at(now, RelativePeriod.THIS_WEEK, SAO_PAULO))
                .isEqualTo(range("2026-02-23T03:00:00Z", "2026-03-02T03:00:00Z"));
        assertThat(at(now, RelativePeriod.LAST_WEEK, SAO_PAULO))
                .isEqualTo(range("2026-02-16T03:00:00Z", "2026-02-23T03:00:00Z"));
    }

    @Test
    void daysFollowDaylightSavingChanges() {
        // New York springs forward on Sunday 8 March 2026: that local day has 23 hours.
        var now = "2026-03-09T16:00:00Z"; // Monday 12:00 EDT
        var yesterday = at(now, RelativePeriod.YESTERDAY, NEW_YORK);
        assertThat(yesterday).isEqualTo(range("2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z"));
        assertThat(Duration.between(yesterday.from(), yesterday.to())).isEqualTo(Duration.ofHours(23));
        // Same local time 7 days earlier (12:00 EST), so one hour less than 7 × 24.
        var week = at(now, RelativePeriod.LAST_7_DAYS, NEW_YORK);
        assertThat(week).isEqualTo(range("2026-03-02T17:00:00Z", now));
        assertThat(at(now, RelativePeriod.LAST_24_HOURS, NEW_YORK))
                .isEqualTo(range("2026-03-08T16:00:00Z", now));
        assertThat(at(now, RelativePeriod.LAST_7_DAYS, UTC)).isEqualTo(range("2026-03-02T16:00:00Z", now));
    }

    @Test
    void aDayWhoseMidnightIsSkippedStartsAtItsFirstInstant() {
        // Chile springs forward at 00:00 on Sunday 6 September 2026: the day starts at 01:00 (UTC-3).
        var now = "2026-09-06T15:00:00Z";
        assertThat(at(now, RelativePeriod.TODAY, SANTIAGO))
                .isEqualTo(range("2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z"));
        assertThat(at(now, RelativePeriod.YESTERDAY, SANTIAGO))
                .isEqualTo(range("2026-09-05T04:00:00Z", "2026-09-06T04:00:00Z"));
    }

    @Test
    void rollingRangesEndNowCutToMilliseconds() {
        var resolver = new PeriodResolver(Clock.fixed(Instant.parse("2026-11-25T10:15:30.123456789Z"), ZoneOffset.UTC));
        var range = resolver.resolve(SavedPeriod.relative(RelativePeriod.LAST_30_DAYS, UTC));
        assertThat(range).isEqualTo(range("2026-10-26T10:15:30.123Z", "2026-11-25T10:15:30.123Z"));
        assertThat(resolver.resolve(SavedPeriod.relative(RelativePeriod.LAST_90_DAYS, SAO_PAULO)).from())
                .isEqualTo(Instant.parse("2026-08-27T10:15:30.123Z"));
    }

    @Test
    void anAbsolutePeriodIsTheSameWhenever() {
        var saved = SavedPeriod.absolute(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-08T00:00:00Z"));
        var early = new PeriodResolver(Clock.fixed(Instant.parse("2026-11-10T00:00:00Z"), ZoneOffset.UTC));
        var late = new PeriodResolver(Clock.fixed(Instant.parse("2027-05-10T00:00:00Z"), ZoneOffset.UTC));
        assertThat(early.resolve(saved)).isEqualTo(late.resolve(saved))
                .isEqualTo(range("2026-11-01T00:00:00Z", "2026-11-08T00:00:00Z"));
        var view = early.view(saved);
        assertThat(view.kind()).isEqualTo(SavedPeriod.Kind.ABSOLUTE);
        assertThat(view.timeZone()).isNull();
        assertThat(view.from().toInstant()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }
}
