package io.rastro.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Event times, on every line of a batch. {@code java.time}'s parsers are general and took about a third of the
 * ingest CPU (JFR, with its formatter), so the one shape clients send in practice is handled by hand here,
 * and everything else still goes through {@link OffsetDateTime#parse}, which stays the definition of what is valid.
 */
final class Timestamps {

    private Timestamps() {
    }

    /**
     * An ISO-8601 time with an offset ({@code 2026-11-20T14:03:00Z}, {@code 2026-11-20T11:03:00.250-03:00}, and
     * every other form {@link OffsetDateTime#parse} takes), truncated to milliseconds as the store keeps them.
     *
     * @throws DateTimeParseException when it is not one
     */
    static Instant parse(String text) {
        var fast = parseCommon(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:mm)}, or null for anything else, including impossible dates, so
     * that the full parser decides and words the error. Never accepts what the full parser refuses.
     */
    static Instant parseCommon(String s) {
        var n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int width = i - start;
            if (width == 0 || (i < n && isDigit(s.charAt(i)))) {
                return null;
            }
            for (int k = width; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int offsetHours = digits(s, i + 1, 2);
            int offsetMinutes = digits(s, i + 4, 2);
            if ((offsetHours | offsetMinutes) < 0) {
                return null;
            }
            int sign = s.charAt(i) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            var local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            return Instant.ofEpochSecond(local.toEpochSecond(offset), nanos - nanos % 1_000_000);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            var c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
