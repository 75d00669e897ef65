package io.rastro.store.server;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.ArrayList;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The child process of {@link ChdbServer}: runs libchdb.so's command-line entry point as a ClickHouse server on
 * loopback. {@code chdb_connect} refuses to listen, so this goes through {@code chdb_query_cmdline}, whose
 * {@code SYSTEM START LISTEN} opens the HTTP and native ports; the sleeping query after it keeps the process (and so
 * the listeners) alive without using a core. The process halts when its parent ends, so a killed test JVM leaves
 * no server behind.
 *
 * <p>Arguments: library, data directory, HTTP port, native (TCP) port, and optionally a config file.
 */
public final class ChdbServerMain {

    private ChdbServerMain() {
    }

    public static void main(String[] args) throws Throwable {
        var library = Path.of(args[0]);
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
        var linker = Linker.nativeLinker();
        var lookup = SymbolLookup.libraryLookup(library, Arena.global());
        // As in ChdbLibrary: with the engine's signal handlers installed the JVM's own SIGSEGV use hangs it.
        linker.downcallHandle(lookup.find("chdb_set_signal_handlers_enabled").orElseThrow(),
                FunctionDescriptor.ofVoid(JAVA_INT)).invokeExact(0);
        var cmdline = linker.downcallHandle(lookup.find("chdb_query_cmdline").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
        var argv = new ArrayList<String>();
        argv.add("clickhouse");
        argv.add("--path=" + args[1]);
        argv.add("--listen_host=127.0.0.1");
        argv.add("--http_port=" + args[2]);
        argv.add("--tcp_port=" + args[3]);
        if (args.length > 4) {
            argv.add("--config-file=" + args[4]);
        }
        argv.add("--multiquery");
        argv.add("--query=SYSTEM START LISTEN HTTP; SYSTEM START LISTEN TCP; "
                + "SELECT sleepEachRow(1) FROM numbers(1000000000) SETTINGS max_block_size = 1, max_threads = 1, "
                + "max_execution_time = 0");
        var arena = Arena.global();
        var pointers = arena.allocate(ADDRESS, argv.size());
        for (int i = 0; i < argv.size(); i++) {
            pointers.setAtIndex(ADDRESS, i, arena.allocateFrom(argv.get(i)));
        }
        System.out.println("STARTING " + String.join(" ", argv.subList(0, argv.size() - 1)));
        System.out.flush();
        var result = (MemorySegment) cmdline.invokeExact(argv.size(), pointers);
        // Only reached when the statements fail (a port already taken, a bad config).
        System.out.println("ENDED " + result);
        Runtime.getRuntime().halt(2);
    }
}
