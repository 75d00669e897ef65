package io.rastro.domain;

import java.time.Instant;

/**
 * The instants Rastro takes as input (periods, cursors): 1970 up to 2200. The engine's DateTime64 holds 1900 to
 * 2299 and fails a statement given a time outside that (an internal error, not an answer); report statements also
 * widen a period by days (conversations by 72 h), so the accepted span stays well inside the engine's.
 */
public final class StoredTimes {

    /** The earliest instant accepted, inclusive. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The latest instant accepted (inclusive, so that it may end a period). */
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private StoredTimes() {
    }

    /** Whether {@code t} lies in [{@link #EARLIEST}, {@link #LATEST}]. */
    public static boolean accepted(Instant t) {
        return !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
    }
}
