package io.rastro.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The histogram a period page is bounded by (see {@link ReportQueries#page}): how many rows of the filter fall in
 * each span of time, as {@code (start, end, count)} tuples in page order. Their sum is the exact total.
 * <p>
 * Hourly spans bound the page tightly, but counting per hour reads every row's {@code event_time}: on a 30-day
 * page of the largest account at 100M messages that was 94 ms of the statement's 102. {@code rastro.messages} is
 * partitioned by UTC day (migration 001), so a day that lies wholly inside the period is counted per partition
 * instead: the period holds for every row of it, {@code _partition_id} comes from the part and not from the rows,
 * and {@code event_time} is not read at all. The same histogram then took 44 ms.
 * <p>
 * The days at the period's edges keep hourly spans (only part of them is in the period), and so does the cursor's
 * day: the next page is read from there, and a day-long span would make it read the rest of the day.
 */
final class PageHistogram {

    /** Partition ids of {@code rastro.messages}: {@code toDate(event_time)} as the engine names it. */
    private static final DateTimeFormatter PARTITION_ID = DateTimeFormatter.BASIC_ISO_DATE;

    static final String WHOLE_DAYS = "whole_days";

    private PageHistogram() {
    }

    /**
     * The histogram as a scalar subquery over {@code where}'s filter (taken before any cursor narrows it); binds
     * nothing itself: {@link #WHOLE_DAYS} must be bound to {@code wholeDays} when that list is not empty.
     */
    static String subquery(MessageSql where, boolean newest, List<String> wholeDays) {
        var hours = "SELECT toDateTime(toStartOfHour(event_time), 'UTC') AS h, h + INTERVAL 1 HOUR AS e, count() AS c FROM "
                + MessageSql.MESSAGES + " WHERE " + where.clause();
        var spans = wholeDays.isEmpty() ? hours + " GROUP BY h"
                : hours + OUTSIDE_WHOLE_DAYS + " GROUP BY h\n    UNION ALL SELECT " + DAY_OF_PARTITION
                + " AS h, h + INTERVAL 1 DAY AS e, c FROM " + wholeDayCounts(where);
        // the ORDER BY wraps the union: written after it, it would order only the union's last SELECT
        return "(SELECT groupArray((h, e, c)) FROM (SELECT h, e, c FROM (" + spans + ")\n    ORDER BY h "
                + (newest ? "DESC" : "ASC") + "))";
    }

    /** Keeps the rows outside the whole days (bound to {@link #WHOLE_DAYS}), which are counted per partition. */
    static final String OUTSIDE_WHOLE_DAYS = " AND _partition_id NOT IN {" + WHOLE_DAYS + ":Array(String)}";

    /** The start of partition {@code p}'s day; the OrZero form only because the engine also evaluates it on an empty header block. */
    static final String DAY_OF_PARTITION = "parseDateTimeOrZero(p, '%Y%m%d', 'UTC')";

    /**
     * Rows of {@code where}'s filter per whole day of its period, as {@code (p, c)} with {@code p} the partition id:
     * counted per partition, so event_time is not read.
     */
    static String wholeDayCounts(MessageSql where) {
        return "(SELECT _partition_id AS p, count() AS c FROM " + MessageSql.MESSAGES + " WHERE "
                + where.clauseOverDays("_partition_id IN {" + WHOLE_DAYS + ":Array(String)}") + " GROUP BY p)";
    }

    /**
     * The partition ids of the UTC days wholly inside {@code [from, to)}, less the cursor's day (if any).
     */
    static List<String> wholeDays(Instant from, Instant to, Cursor after) {
        var first = LocalDate.ofInstant(from, ZoneOffset.UTC);
        if (first.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(from)) {
            first = first.plusDays(1);
        }
        var end = LocalDate.ofInstant(to, ZoneOffset.UTC); // exclusive: the day that holds `to` is not whole
        var cursorDay = after == null ? null : LocalDate.ofInstant(after.time(), ZoneOffset.UTC);
        var days = new ArrayList<String>();
        for (var d = first; d.isBefore(end); d = d.plusDays(1)) {
            if (!d.equals(cursorDay)) {
                days.add(PARTITION_ID.format(d));
            }
        }
        return days;
    }
}
