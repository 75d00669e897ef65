package io.rastro.store.chdb;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Downcall handles for the part of chdb.h that Rastro uses. The library is process-wide: it is loaded once and
 * its signal handlers are switched off before anything connects, because with ClickHouse's handlers installed the
 * JVM's own use of SIGSEGV (implicit null checks, stack banging) hangs the process.
 */
final class ChdbLibrary {

    private static volatile ChdbLibrary instance;

    final MethodHandle version;
    final MethodHandle setSignalHandlersEnabled;
    final MethodHandle connect;
    final MethodHandle closeConn;
    final MethodHandle queryWithParams;
    final MethodHandle streamQueryWithParams;
    final MethodHandle streamFetchResult;
    final MethodHandle streamCancelQuery;
    final MethodHandle destroyQueryResult;
    final MethodHandle resultBuffer;
    final MethodHandle resultLength;
    final MethodHandle resultError;
    final MethodHandle resultRowsWritten;
    final MethodHandle streamInsert;
    final MethodHandle streamAppend;
    final MethodHandle streamDone;
    final MethodHandle streamInsertError;
    final MethodHandle streamCancelInsert;
    final MethodHandle destroyInsertStream;
    final MethodHandle shutdown;
    private final String versionString;

    private ChdbLibrary(Path path) {
        var linker = Linker.nativeLinker();
        var lookup = SymbolLookup.libraryLookup(path, Arena.global());
        version = handle(linker, lookup, "chdb_version", FunctionDescriptor.of(ADDRESS));
        setSignalHandlersEnabled = handle(linker, lookup, "chdb_set_signal_handlers_enabled",
                FunctionDescriptor.ofVoid(JAVA_INT));
        connect = handle(linker, lookup, "chdb_connect", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
        closeConn = handle(linker, lookup, "chdb_close_conn", FunctionDescriptor.ofVoid(ADDRESS));
        queryWithParams = handle(linker, lookup, "chdb_query_with_params",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
        streamQueryWithParams = handle(linker, lookup, "chdb_stream_query_with_params",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
        streamFetchResult = handle(linker, lookup, "chdb_stream_fetch_result",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        streamCancelQuery = handle(linker, lookup, "chdb_stream_cancel_query",
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        destroyQueryResult = handle(linker, lookup, "chdb_destroy_query_result", FunctionDescriptor.ofVoid(ADDRESS));
        resultBuffer = handle(linker, lookup, "chdb_result_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS));
        resultLength = handle(linker, lookup, "chdb_result_length", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        resultError = handle(linker, lookup, "chdb_result_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
        resultRowsWritten = handle(linker, lookup, "chdb_result_rows_written",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        streamInsert = handle(linker, lookup, "chdb_stream_insert",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        streamAppend = handle(linker, lookup, "chdb_stream_append",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        streamDone = handle(linker, lookup, "chdb_stream_done", FunctionDescriptor.of(ADDRESS, ADDRESS));
        streamInsertError = handle(linker, lookup, "chdb_stream_insert_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
        streamCancelInsert = handle(linker, lookup, "chdb_stream_cancel_insert", FunctionDescriptor.ofVoid(ADDRESS));
        destroyInsertStream = handle(linker, lookup, "chdb_destroy_insert_stream",
                FunctionDescriptor.ofVoid(ADDRESS));
        shutdown = handle(linker, lookup, "chdb_shutdown", FunctionDescriptor.of(JAVA_INT));
        try {
            // Pitfall 1 (docs/chdb-pitfalls.md): before the first chdb_connect, or the JVM's SIGSEGV handling hangs the process.
            setSignalHandlersEnabled.invokeExact(0);
            versionString = cString((MemorySegment) version.invokeExact());
        } catch (Throwable t) {
            throw new IllegalStateException("Could not initialise the chDB library at " + path, t);
        }
    }

    /** Loads the library once per process; later calls must name the same file. */
    static ChdbLibrary load(Path path) {
        var local = instance;
        if (local != null) {
            return local;
        }
        synchronized (ChdbLibrary.class) {
            if (instance == null) {
                if (!Files.isRegularFile(path)) {
                    throw new IllegalStateException("The embedded engine library was not found at " + path
                            + ". Build with ./mvnw (it fetches it with npm) or set rastro.chdb.library.");
                }
                instance = new ChdbLibrary(path);
            }
            return instance;
        }
    }

    String version() {
        return versionString;
    }

    static String cString(MemorySegment pointer) {
        if (pointer == null || pointer.equals(MemorySegment.NULL)) {
            return null;
        }
        return pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor fd) {
        var symbol = lookup.find(name)
                .orElseThrow(() -> new IllegalStateException("chDB library lacks " + name + "; need 26.7.x"));
        return linker.downcallHandle(symbol, fd);
    }
}
