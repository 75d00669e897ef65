package io.rastro.store.chdb;

import io.rastro.store.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An InputStream over a chDB streamed result, fed by a prefetch thread. Fetching on its own thread lets the
 * engine produce the next chunk while the caller decodes this one, rather than wait for the decoder. The bounded
 * queue keeps memory flat: at most {@code depth} chunks wait in the heap. Repeated headers are stripped here
 * (pitfall 4 in docs/chdb-pitfalls.md), and an engine error in mid-stream surfaces as an IOException wrapping
 * the StoreException (pitfall 5), never as a silently short result.
 */
final class PrefetchingChunkStream extends InputStream {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> queue;
    private final boolean stripRepeatedHeaders;
    private final ChdbConnection.StreamHandle handle;
    private final Thread fetcher;
    private volatile boolean cancelled;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;
    private volatile StoreException failure;

    /**
     * @param stripRepeatedHeaders true for RowBinaryWithNamesAndTypes, whose header chDB repeats in every chunk;
     *                             false for other formats (Parquet, CSV), whose bytes must pass untouched
     */
    PrefetchingChunkStream(ChdbConnection.StreamHandle handle, int depth, boolean stripRepeatedHeaders) {
        this.stripRepeatedHeaders = stripRepeatedHeaders;
        this.handle = handle;
        this.queue = new ArrayBlockingQueue<>(depth);
        this.fetcher = Thread.ofPlatform().name("chdb-prefetch").daemon().start(this::fetchAll);
    }

    private void fetchAll() {
        byte[] header = null;
        var first = true;
        try {
            while (!cancelled) {
                var chunk = handle.fetch();
                if (chunk == null) {
                    break;
                }
                if (stripRepeatedHeaders) {
                    // The header is learnt from the first chunk only: guessing it from a later one could cut real
                    // data that happens to start like the chunk before it.
                    if (first) {
                        var length = RowBinaryHeader.length(chunk);
                        header = length < 0 ? null : java.util.Arrays.copyOf(chunk, length);
                    } else if (header != null && RowBinaryHeader.startsWith(chunk, header)) {
                        chunk = java.util.Arrays.copyOfRange(chunk, header.length, chunk.length);
                    }
                }
                first = false;
                if (chunk.length > 0) {
                    put(chunk);
                }
            }
            put(END);
        } catch (RuntimeException e) {
            put(e);
        }
    }

    private void put(Object item) {
        try {
            while (!cancelled && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // the reader is slow; wait, unless it gave up
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        var n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (position >= current.length) {
            if (ended) {
                return false;
            }
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for the engine", e);
            }
            if (item == END) {
                ended = true;
                return false;
            }
            if (item instanceof RuntimeException e) {
                ended = true;
                failure = e instanceof StoreException se ? se : new StoreException("The engine stream failed", e);
                throw new IOException(failure.getMessage(), failure);
            }
            current = (byte[]) item;
            position = 0;
        }
        return true;
    }

    /** The engine's error if the stream failed in mid-flight, so callers can rethrow it unwrapped. */
    StoreException failure() {
        return failure;
    }

    /** Stops the prefetch thread, cancels the engine's query if it still runs, then releases the handle. */
    @Override
    public void close() {
        cancelled = true;
        queue.clear();
        try {
            fetcher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handle.close();
    }
}
