package io.rastro.store.server;

import io.rastro.TestEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real ClickHouse HTTP (and native) server for tests, without Docker: the engine library the build already
 * fetches, run by {@link ChdbServerMain} in a child JVM on free loopback ports with a data directory of its own.
 * It runs as user {@code default} with no password and serves loopback only; it is a test fixture, not a
 * deployment (docs/scale.md says what it lacks against a full server).
 */
public final class ChdbServer implements AutoCloseable {

    private static ChdbServer shared;

    private final Process process;
    private final int httpPort;
    private final int tcpPort;
    private final Path dataDir;

    private ChdbServer(Process process, int httpPort, int tcpPort, Path dataDir) {
        this.process = process;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.dataDir = dataDir;
    }

    /**
     * One server per test JVM for the server-engine suite, stopped when the JVM ends (the child also halts by
     * itself when its parent is gone).
     */
    public static synchronized ChdbServer shared() {
        if (shared == null) {
            var dir = Path.of(System.getProperty("rastro.data-dir", "target/chdb-test-data/default") + "-server");
            shared = start(dir, null);
            var server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "chdb-server-stop"));
        }
        return shared;
    }

    /**
     * Starts a server on {@code dataDir} (created if missing) with an optional extra config file, and waits until
     * it answers {@code /ping}. A port taken between choosing and binding is retried on fresh ports.
     */
    public static ChdbServer start(Path dataDir, Path configFile) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int[] ports = freePorts(2);
            try {
                return launch(dataDir, configFile, ports[0], ports[1]);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Starts a server on the given ports (a cluster config names its shards' ports before they start). */
    public static ChdbServer start(Path dataDir, Path configFile, int httpPort, int tcpPort) {
        return launch(dataDir, configFile, httpPort, tcpPort);
    }

    private static ChdbServer launch(Path dataDir, Path configFile, int httpPort, int tcpPort) {
        var dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var command = new ArrayList<String>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Xmx64m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChdbServerMain.class.getName());
        command.add(TestEngine.library().toString());
        command.add(dir.toString());
        command.add(String.valueOf(httpPort));
        command.add(String.valueOf(tcpPort));
        if (configFile != null) {
            command.add(configFile.toAbsolutePath().toString());
        }
        var log = dir.resolve("server.log");
        Process process;
        try {
            // stdin from /dev/null: the engine reads a piped stdin as a statement's data.
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var server = new ChdbServer(process, httpPort, tcpPort, dir);
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        var ping = HttpRequest.newBuilder(URI.create(server.url() + "/ping")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The test ClickHouse server ended at start: " + tail(log));
            }
            try {
                var response = http.send(ping, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().startsWith("Ok")) {
                    return server;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.close();
        throw new IllegalStateException("The test ClickHouse server did not answer /ping: " + tail(log));
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int tcpPort() {
        return tcpPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the child (its data directory is a throwaway) and waits for it, so its ports are free again. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int[] freePorts(int n) {
        var sockets = new ArrayList<ServerSocket>();
        try {
            var ports = new int[n];
            for (int i = 0; i < n; i++) {
                var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (var s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }

    private static String tail(Path log) {
        try {
            var text = Files.exists(log) ? Files.readString(log) : "(no log)";
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
