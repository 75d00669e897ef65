package io.rastro.export.csv;

import io.rastro.export.ZonedClock;
import io.rastro.store.Sql;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An instant rendered by the engine exactly as {@link ZonedClock#iso} writes it: {@code 2026-11-20T11:03:00.120-03:00},
 * {@code Z} for UTC. The local time is one {@code formatDateTime}; the offset's text is looked up by the offset in
 * seconds in a list made here, with java.time's own text for each offset. Building that text per row from the
 * seconds (signs, hours and minutes as strings) cost a CSV slice of 252k rows with five instant columns ~140 ms of
 * ~420 ms; the lookup costs ~60 ms, and a zone with a single offset (UTC) has it written into the pattern: ~30 ms.
 * <p>
 * The list holds every offset the zone used from 1900 (where the engine's dates start) to 2100, and every
 * multiple of 15 minutes besides, so that no offset the engine can give is missing. For a zone that moved across
 * the date line (Samoa in 2011, Kiribati in 1994) the engine's {@code timeZoneOffset} is a day off (-10:00 for
 * +14:00) while its local clock is right, so there the offset is taken as the local clock minus the UTC clock.
 */
public final class IsoInstantSql {

    private static final Instant FROM = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2100-01-01T00:00:00Z");
    private static final String LOCAL_PATTERN = "%Y-%m-%dT%H:%i:%S.%f";
    private static final Map<ZoneId, IsoInstantSql> BY_ZONE = new ConcurrentHashMap<>();

    private final ZoneId zone;
    /** The zone's offset when it never had another (UTC, Etc/GMT+3), else null. */
    private final ZoneOffset fixed;
    private final boolean crossedTheDateLine;
    private final List<Integer> offsetSeconds = new ArrayList<>();
    private final List<String> offsetTexts = new ArrayList<>();

    private IsoInstantSql(ZoneId zone) {
        this.zone = zone;
        var rules = zone.getRules();
        this.fixed = rules.isFixedOffset() ? rules.getOffset(FROM) : null;
        var offsets = new TreeSet<ZoneOffset>();
        offsets.add(rules.getOffset(FROM));
        var crossed = false;
        for (var t = rules.nextTransition(FROM); t != null && t.getInstant().isBefore(TO);
             t = rules.nextTransition(t.getInstant())) {
            offsets.add(t.getOffsetAfter());
            crossed |= Math.abs(t.getDuration().getSeconds()) >= 12 * 3600;
        }
        for (int quarters = -18 * 4; quarters <= 18 * 4; quarters++) {
            offsets.add(ZoneOffset.ofTotalSeconds(quarters * 900));
        }
        this.crossedTheDateLine = crossed;
        for (var offset : offsets) {
            offsetSeconds.add(offset.getTotalSeconds());
            offsetTexts.add(offset.getId());
        }
    }

    public static IsoInstantSql of(ZoneId zone) {
        return BY_ZONE.computeIfAbsent(zone, IsoInstantSql::new);
    }

    /**
     * The text of instant expression {@code e} (a {@code DateTime64(3)}, nullable or not; NULL stays NULL). Needs
     * the parameters of {@link #bind} and {@code formatdatetime_f_prints_scale_number_of_digits = 1} (milliseconds
     * as three digits).
     */
    String expression(String e) {
        if (fixed != null) {
            return "formatDateTime(" + e + ", {iso_fixed_pattern:String}, {export_tz:String})";
        }
        var seconds = crossedTheDateLine
                ? "toInt64(toRelativeDayNum(" + e + ", {export_tz:String})) * 86400 + toHour(" + e
                        + ", {export_tz:String}) * 3600 + toMinute(" + e + ", {export_tz:String}) * 60 + toSecond(" + e
                        + ", {export_tz:String}) - toInt64(toUnixTimestamp(" + e + "))"
                : "timeZoneOffset(toTimeZone(" + e + ", {export_tz:String}))";
        return "concat(formatDateTime(" + e + ", {iso_local_pattern:String}, {export_tz:String}), transform(toInt32("
                + seconds + "), {iso_offsets:Array(Int32)}, {iso_offset_texts:Array(String)}, '?'))";
    }

    /** Binds the zone, the patterns and the offsets' texts. */
    public Sql bind(Sql sql) {
        sql = sql.bind("export_tz", zone.getId());
        if (fixed != null) {
            // an offset's id is Z, +hh:mm or +hh:mm:ss: never a % that the pattern would read as a directive
            return sql.bind("iso_fixed_pattern", LOCAL_PATTERN + fixed.getId());
        }
        return sql.bind("iso_local_pattern", LOCAL_PATTERN).bind("iso_offsets", offsetSeconds)
                .bind("iso_offset_texts", offsetTexts);
    }
}
