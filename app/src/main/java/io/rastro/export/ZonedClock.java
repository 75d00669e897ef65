package io.rastro.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Turns epoch milliseconds into text and spreadsheet serials in one zone, fast: rows come in time order, so the
 * zone offset is looked up once per offset period (between two transitions) instead of once per cell, and the
 * digits are written by hand instead of through a formatter. Not thread-safe: one per writer.
 */
public final class ZonedClock {

    private static final long DAY_MS = 86_400_000L;
    /** Days from Excel's day zero (1899-12-30, 1900 date system) to 1970-01-01. */
    private static final double EXCEL_EPOCH_DAYS = 25_569d;

    private final ZoneRules rules;
    private long validFrom = Long.MAX_VALUE;
    private long validTo = Long.MIN_VALUE;
    private int offsetMs;
    private String offsetText;

    public ZonedClock(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** ISO-8601 with milliseconds and the zone's offset, e.g. 2026-11-20T11:03:00.120-03:00 (Z for UTC). */
    public String iso(long epochMs) {
        return text(epochMs, 'T', true);
    }

    /** Local date and time for people, e.g. 2026-11-20 11:03:00 (the zone is named once, in the title). */
    public String local(long epochMs) {
        return text(epochMs, ' ', false);
    }

    /** The local date-time as a spreadsheet serial number (days since 1899-12-30, fraction of day). */
    public double excelSerial(long epochMs) {
        return (epochMs + offset(epochMs)) / (double) DAY_MS + EXCEL_EPOCH_DAYS;
    }

    private String text(long epochMs, char separator, boolean withOffsetAndMillis) {
        var local = epochMs + offset(epochMs);
        var day = Math.floorDiv(local, DAY_MS);
        var msOfDay = (int) Math.floorMod(local, DAY_MS);
        var date = LocalDate.ofEpochDay(day);
        var sb = new StringBuilder(29);
        sb.append(date.getYear()).append('-');
        two(sb, date.getMonthValue());
        sb.append('-');
        two(sb, date.getDayOfMonth());
        sb.append(separator);
        two(sb, msOfDay / 3_600_000);
        sb.append(':');
        two(sb, msOfDay / 60_000 % 60);
        sb.append(':');
        two(sb, msOfDay / 1000 % 60);
        if (withOffsetAndMillis) {
            var ms = msOfDay % 1000;
            sb.append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
                    .append((char) ('0' + ms % 10));
            sb.append(offsetText);
        }
        return sb.toString();
    }

    private int offset(long epochMs) {
        if (epochMs < validFrom || epochMs >= validTo) {
            var instant = Instant.ofEpochMilli(epochMs);
            var offset = rules.getOffset(instant);
            offsetMs = offset.getTotalSeconds() * 1000;
            offsetText = offset.getId();
            var previous = rules.previousTransition(instant.plusMillis(1));
            var next = rules.nextTransition(instant);
            validFrom = previous == null ? Long.MIN_VALUE : previous.getInstant().toEpochMilli();
            validTo = next == null ? Long.MAX_VALUE : next.getInstant().toEpochMilli();
        }
        return offsetMs;
    }

    private static void two(StringBuilder sb, int value) {
        sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
