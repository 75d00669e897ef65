package io.rastro.store.chdb;

import io.rastro.store.Sql;
import io.rastro.store.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One chDB connection. A connection runs one statement at a time (pitfall 3 in docs/chdb-pitfalls.md: sharing one across threads returned
 * other threads' results and lost parameters), so the store hands each concurrent caller its own, from a pool.
 */
final class ChdbConnection implements AutoCloseable {

    private static final int INSERT_CHUNK = 1 << 20;

    private final ChdbLibrary lib;
    private final MemorySegment handlePointer; // chdb_connection *
    private final MemorySegment handle;        // chdb_connection
    private volatile boolean closed;

    private ChdbConnection(ChdbLibrary lib, MemorySegment handlePointer) {
        this.lib = lib;
        this.handlePointer = handlePointer;
        this.handle = handlePointer.reinterpret(ValueLayout.ADDRESS.byteSize()).get(ValueLayout.ADDRESS, 0);
    }

    /**
     * Opens a connection on {@code dataDir} with per-connection engine settings. A NULL from chdb_connect almost
     * always means another process holds the directory (pitfall 7 in docs/chdb-pitfalls.md: chDB says so only on stderr), so the error
     * names the directory.
     */
    static ChdbConnection open(ChdbLibrary lib, Path dataDir, List<String> settingArgs) {
        try (var arena = Arena.ofConfined()) {
            var args = new java.util.ArrayList<String>();
            args.add("rastro");
            args.add("--path=" + dataDir.toAbsolutePath());
            args.addAll(settingArgs);
            var argv = arena.allocate(ValueLayout.ADDRESS, args.size());
            for (int i = 0; i < args.size(); i++) {
                argv.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(args.get(i)));
            }
            var pointer = (MemorySegment) lib.connect.invokeExact(args.size(), argv);
            if (pointer.equals(MemorySegment.NULL)) {
                throw new StoreException("The embedded engine could not open its data directory " + dataDir.toAbsolutePath()
                        + ". Another process (a second Rastro, or a chDB tool) is probably using it: only one process"
                        + " can open a data directory. Stop the other process or set rastro.data-dir to another directory.");
            }
            return new ChdbConnection(lib, pointer);
        } catch (StoreException e) {
            throw e;
        } catch (Throwable t) {
            throw new StoreException("chdb_connect failed for " + dataDir, t);
        }
    }

    /** Runs a statement and hands its whole result (in {@code format}) to {@code reader} as a stream. */
    void query(Sql sql, String format, Consumer<InputStream> reader) {
        ensureOpen();
        try (var arena = Arena.ofConfined()) {
            var params = Params.of(arena, sql);
            var result = (MemorySegment) lib.queryWithParams.invokeExact(handle,
                    arena.allocateFrom(sql.renderedText()), arena.allocateFrom(format),
                    params.names(), params.values(), (long) params.count());
            try {
                throwIfError(result);
            } catch (StoreException e) {
                lib.destroyQueryResult.invokeExact(result);
                discardOutputOfFailedStatement();
                throw e;
            }
            try {
                if (reader != null) {
                    reader.accept(new SegmentInputStream(bufferOf(result)));
                }
            } finally {
                lib.destroyQueryResult.invokeExact(result);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new StoreException("chDB query failed", t);
        }
    }

    /** Starts a streaming query; the caller fetches chunks from the returned handle on one thread at a time. */
    StreamHandle startStream(Sql sql, String format) {
        ensureOpen();
        try (var arena = Arena.ofConfined()) {
            var params = Params.of(arena, sql);
            var result = (MemorySegment) lib.streamQueryWithParams.invokeExact(handle,
                    arena.allocateFrom(sql.renderedText()), arena.allocateFrom(format),
                    params.names(), params.values(), (long) params.count());
            var error = ChdbLibrary.cString((MemorySegment) lib.resultError.invokeExact(result));
            if (error != null) {
                lib.destroyQueryResult.invokeExact(result);
                throw new StoreException(error);
            }
            return new StreamHandle(result);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new StoreException("chDB streaming query failed to start", t);
        }
    }

    /** A running streamed query on this connection. */
    final class StreamHandle implements AutoCloseable {
        private final MemorySegment result;
        private boolean finished;

        private StreamHandle(MemorySegment result) {
            this.result = result;
        }

        /**
         * The next chunk's bytes, or null at the end. An error in mid-stream is thrown (pitfall 5 in docs/chdb-pitfalls.md: it must
         * never look like a short result).
         */
        byte[] fetch() {
            try {
                var chunk = (MemorySegment) lib.streamFetchResult.invokeExact(handle, result);
                try {
                    throwIfError(chunk);
                    var buffer = bufferOf(chunk);
                    if (buffer.byteSize() == 0) {
                        finished = true;
                        return null;
                    }
                    return buffer.toArray(ValueLayout.JAVA_BYTE);
                } finally {
                    lib.destroyQueryResult.invokeExact(chunk);
                }
            } catch (RuntimeException e) {
                finished = true;
                throw e;
            } catch (Throwable t) {
                finished = true;
                throw new StoreException("chDB stream fetch failed", t);
            }
        }

        @Override
        public void close() {
            try {
                if (!finished) {
                    lib.streamCancelQuery.invokeExact(handle, result);
                }
                lib.destroyQueryResult.invokeExact(result);
            } catch (Throwable t) {
                throw new StoreException("chDB stream close failed", t);
            }
        }
    }

    /**
     * Streams pre-formatted data into a table through chdb_stream_insert (pitfall 2 in docs/chdb-pitfalls.md: data appended to the query
     * text stored 2,570 of 100,000 rows without an error).
     */
    long insert(String insertStatement, String format, InputStream data) {
        ensureOpen();
        MemorySegment stream;
        try (var arena = Arena.ofConfined()) {
            stream = (MemorySegment) lib.streamInsert.invokeExact(handle, arena.allocateFrom(insertStatement),
                    arena.allocateFrom(format));
        } catch (Throwable t) {
            throw new StoreException("chdb_stream_insert failed", t);
        }
        var committed = false;
        try (var arena = Arena.ofConfined()) {
            var initError = ChdbLibrary.cString((MemorySegment) lib.streamInsertError.invokeExact(stream));
            if (initError != null) {
                throw new StoreException(initError);
            }
            var buffer = new byte[INSERT_CHUNK];
            var nativeBuffer = arena.allocate(INSERT_CHUNK);
            int n;
            while ((n = data.readNBytes(buffer, 0, buffer.length)) > 0) {
                MemorySegment.copy(buffer, 0, nativeBuffer, ValueLayout.JAVA_BYTE, 0, n);
                var state = (int) lib.streamAppend.invokeExact(stream, nativeBuffer, (long) n);
                if (state != 0) {
                    var error = ChdbLibrary.cString((MemorySegment) lib.streamInsertError.invokeExact(stream));
                    throw new StoreException(error != null ? error : "chDB refused the inserted data");
                }
            }
            var done = (MemorySegment) lib.streamDone.invokeExact(stream);
            try {
                throwIfError(done);
                committed = true;
                return (long) lib.resultRowsWritten.invokeExact(done);
            } finally {
                lib.destroyQueryResult.invokeExact(done);
            }
        } catch (IOException e) {
            throw new StoreException("Reading the data to insert failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new StoreException("chDB insert failed", t);
        } finally {
            try {
                if (!committed) {
                    lib.streamCancelInsert.invokeExact(stream);
                }
                lib.destroyInsertStream.invokeExact(stream);
            } catch (Throwable ignored) {
                // the handle is gone either way; the original failure is what matters
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lib.closeConn.invokeExact(handlePointer);
        } catch (Throwable t) {
            throw new StoreException("chdb_close_conn failed", t);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("The embedded engine is shutting down");
        }
    }

    private MemorySegment bufferOf(MemorySegment result) throws Throwable {
        var length = (long) lib.resultLength.invokeExact(result);
        if (length == 0) {
            return MemorySegment.NULL.reinterpret(0);
        }
        return ((MemorySegment) lib.resultBuffer.invokeExact(result)).reinterpret(length);
    }

    /**
     * A statement that fails while it runs leaves the output it had already written in the connection, and chDB
     * hands that out ahead of the next statement's own: after a failure half-way through 100,000 rows, the next
     * statement on the connection, asked for 100,000 rows, returned 848,010. One statement run and thrown away takes
     * the leftover with it. (Streamed statements do not leave any.)
     */
    private void discardOutputOfFailedStatement() throws Throwable {
        try (var arena = Arena.ofConfined()) {
            var result = (MemorySegment) lib.queryWithParams.invokeExact(handle, arena.allocateFrom("SELECT 1"),
                    arena.allocateFrom("RowBinary"), MemorySegment.NULL, MemorySegment.NULL, 0L);
            lib.destroyQueryResult.invokeExact(result);
        }
    }

    private void throwIfError(MemorySegment result) throws Throwable {
        if (result.equals(MemorySegment.NULL)) {
            throw new StoreException("chDB returned no result");
        }
        var error = ChdbLibrary.cString((MemorySegment) lib.resultError.invokeExact(result));
        if (error != null) {
            throw new StoreException(error.strip());
        }
    }

    /** Parameter name and value arrays in native memory, alive for the arena of one call. */
    private record Params(MemorySegment names, MemorySegment values, int count) {
        static Params of(Arena arena, Sql sql) {
            var count = sql.params().size();
            if (count == 0) {
                return new Params(MemorySegment.NULL, MemorySegment.NULL, 0);
            }
            var names = arena.allocate(ValueLayout.ADDRESS, count);
            var values = arena.allocate(ValueLayout.ADDRESS, count);
            var i = 0;
            for (var e : sql.params().entrySet()) {
                names.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(e.getKey()));
                values.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(e.getValue()));
                i++;
            }
            return new Params(names, values, count);
        }
    }

    /** Reads a native result buffer without copying it onto the heap first. */
    private static final class SegmentInputStream extends InputStream {
        private final MemorySegment segment;
        private long position;

        SegmentInputStream(MemorySegment segment) {
            this.segment = segment;
        }

        @Override
        public int read() {
            return position < segment.byteSize() ? segment.get(ValueLayout.JAVA_BYTE, position++) & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            var remaining = segment.byteSize() - position;
            if (remaining <= 0) {
                return len == 0 ? 0 : -1;
            }
            var n = (int) Math.min(len, remaining);
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, segment.byteSize() - position);
        }
    }
}
