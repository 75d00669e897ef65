package io.rastro.search;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * A period relative to the moment of use, named as in the GraphQL contract. Calendar ranges are whole local days,
 * ISO weeks or months of the zone; the LAST_N_DAYS ranges end now and start at the same local time N days earlier
 * (so a DST change inside them makes them an hour shorter or longer, as a person counting days expects).
 */
public enum RelativePeriod {
    LAST_24_HOURS, LAST_7_DAYS, LAST_30_DAYS, LAST_90_DAYS,
    TODAY, YESTERDAY, THIS_WEEK, LAST_WEEK, THIS_MONTH, LAST_MONTH;

    /** A closed-open range of instants. */
    public record Range(Instant from, Instant to) {
    }

    public Range resolve(Instant now, ZoneId zone) {
        var local = now.atZone(zone);
        var today = local.toLocalDate();
        var monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        var firstOfMonth = today.withDayOfMonth(1);
        return switch (this) {
            case LAST_24_HOURS -> new Range(now.minus(Duration.ofHours(24)), now);
            case LAST_7_DAYS -> new Range(local.minusDays(7).toInstant(), now);
            case LAST_30_DAYS -> new Range(local.minusDays(30).toInstant(), now);
            case LAST_90_DAYS -> new Range(local.minusDays(90).toInstant(), now);
            case TODAY -> days(today, today.plusDays(1), zone);
            case YESTERDAY -> days(today.minusDays(1), today, zone);
            case THIS_WEEK -> days(monday, monday.plusWeeks(1), zone);
            case LAST_WEEK -> days(monday.minusWeeks(1), monday, zone);
            case THIS_MONTH -> days(firstOfMonth, firstOfMonth.plusMonths(1), zone);
            case LAST_MONTH -> days(firstOfMonth.minusMonths(1), firstOfMonth, zone);
        };
    }

    /** From the first local day's start to the end day's start; atStartOfDay handles zones where 00:00 is skipped. */
    private static Range days(LocalDate first, LocalDate end, ZoneId zone) {
        return new Range(first.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant());
    }
}
