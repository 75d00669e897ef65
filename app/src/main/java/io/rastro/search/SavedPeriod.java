package io.rastro.search;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The period a saved search keeps: fixed instants, or a relative range with the zone it is evaluated in. A search
 * that keeps no period has none of these (null), and each use must give one.
 *
 * @param kind     ABSOLUTE or RELATIVE
 * @param relative the range, for RELATIVE
 * @param zone     the zone, for RELATIVE
 * @param from     the start, for ABSOLUTE
 * @param to       the end (exclusive), for ABSOLUTE
 */
public record SavedPeriod(Kind kind, RelativePeriod relative, ZoneId zone, Instant from, Instant to) {

    /** Named as the GraphQL enum SavedPeriodKind. */
    public enum Kind { ABSOLUTE, RELATIVE }

    public SavedPeriod {
        Objects.requireNonNull(kind);
        if (kind == Kind.RELATIVE && (relative == null || zone == null)) {
            throw new IllegalArgumentException("a relative period needs a range and a zone");
        }
        if (kind == Kind.ABSOLUTE && (from == null || to == null)) {
            throw new IllegalArgumentException("an absolute period needs from and to");
        }
    }

    public static SavedPeriod absolute(Instant from, Instant to) {
        return new SavedPeriod(Kind.ABSOLUTE, null, null, from, to);
    }

    public static SavedPeriod relative(RelativePeriod range, ZoneId zone) {
        return new SavedPeriod(Kind.RELATIVE, range, zone, null, null);
    }
}
