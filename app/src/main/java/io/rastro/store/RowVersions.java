package io.rastro.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The version of a row that a ReplacingMergeTree table keeps the highest of under FINAL, for every table whose
 * rows Rastro writes from Java (export jobs, saved searches, API tokens, business numbers, unrouted webhook
 * changes): wall-clock microseconds, so that a process started later writes newer versions than the one before
 * (unlike {@code System.nanoTime()}, whose origin changes with every start); and strictly increasing within the
 * process, so that two writes in the same microsecond, or after the clock stepped back, still order as written.
 *
 * <p>The messages' recomputed rows are versioned in SQL instead ({@code now64(6)} in
 * {@code io.rastro.ingest.StatusRecompute}): that version must order against other instances' inserts of status
 * events, so it is the engine's clock when the statement starts, not any one JVM's.
 */
public final class RowVersions {

    private static final AtomicLong LAST = new AtomicLong();

    private RowVersions() {
    }

    /** The next version: the clock's microseconds, or one above the last version handed out if that is higher. */
    public static long next() {
        var micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        return LAST.updateAndGet(last -> Math.max(last + 1, micros));
    }
}
