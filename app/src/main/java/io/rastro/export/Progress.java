package io.rastro.export;

/**
 * Counts what a writer has written and carries the cancel flag into the write loop. Writers call {@link #row()}
 * once per row; the count is published about once a second (a store write per row would cost more than the row),
 * and a cancelled job stops at the next row or the next write, which also cancels the engine's query.
 */
public final class Progress {

    private static final long PUBLISH_EVERY_NANOS = 1_000_000_000L;

    /** Receives rows and bytes written so far. */
    @FunctionalInterface
    public interface Listener {
        void progress(long rows, long bytes);
    }

    private final Listener listener;
    private volatile boolean cancelled;
    // each count has one writing thread, but not always the same one: XLSX counts bytes on its deflating thread
    private volatile long rows;
    private volatile long bytes;
    private long lastPublished = System.nanoTime();

    public Progress(Listener listener) {
        this.listener = listener;
    }

    public static Progress none() {
        return new Progress((rows, bytes) -> { });
    }

    /** One more row; stops the export when it was cancelled. */
    public void row() {
        if (cancelled) {
            throw new ExportCancelledException();
        }
        if ((++rows & 1023) == 0) {
            maybePublish();
        }
    }

    /** More bytes reached the file (the Parquet path has no rows to count in the JVM). */
    public void bytes(long n) {
        if (cancelled) {
            throw new ExportCancelledException();
        }
        bytes += n;
        maybePublish();
    }

    public long rows() {
        return rows;
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    private synchronized void maybePublish() {
        var now = System.nanoTime();
        if (now - lastPublished >= PUBLISH_EVERY_NANOS) {
            lastPublished = now;
            listener.progress(rows, bytes);
        }
    }

    /** Thrown inside the write loop to stop a cancelled export; never reaches a client. */
    public static final class ExportCancelledException extends RuntimeException {
        ExportCancelledException() {
            super("export cancelled", null, false, false);
        }
    }
}
