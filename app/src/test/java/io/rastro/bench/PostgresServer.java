package io.rastro.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for the benchmark's peer: Debian's binaries ({@code /usr/lib/postgresql/<ver>/bin},
 * installed with {@code apt-get install -y postgresql} when asked to and missing), a cluster made by {@code initdb} in
 * a temporary directory, started by {@code pg_ctl} on a free loopback port, and stopped and deleted by
 * {@link #close()}. PostgreSQL refuses to run as root, so as root every command runs as Debian's {@code postgres}
 * user (which the package creates) and the directory is handed to it.
 */
final class PostgresServer implements AutoCloseable {

    static final String DATABASE = "postgres";
    static final String USER = "bench";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final Consumer<String> log;
    private final String version;

    private PostgresServer(Path bin, Path dir, int port, String version, Consumer<String> log) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.version = version;
        this.log = log;
    }

    /** The newest installed {@code bin} directory holding initdb, if any. */
    static Optional<Path> installed() {
        var root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> versionNumber(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionNumber(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Installs Debian's postgresql with apt-get (the full benchmark only; never from the test suite). */
    static Path install(Consumer<String> log) throws IOException, InterruptedException {
        log.accept("PostgreSQL: not installed, running apt-get install -y postgresql");
        if (run(List.of("apt-get", "install", "-y", "postgresql"), null, log) != 0) {
            // a fresh machine may have no package lists yet
            run(List.of("apt-get", "update"), null, log);
            if (run(List.of("apt-get", "install", "-y", "postgresql"), null, log) != 0) {
                throw new IOException("apt-get install -y postgresql failed");
            }
        }
        return installed().orElseThrow(() -> new IOException("postgresql installed, but no initdb under /usr/lib/postgresql"));
    }

    /**
     * initdb and start. {@code settings} go into postgresql.conf as they are (name = value lines).
     */
    static PostgresServer start(Path bin, List<String> settings, Consumer<String> log) throws IOException, InterruptedException {
        var dir = Files.createTempDirectory("rastro-bench-pg-");
        try {
            return start(bin, dir, settings, log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            delete(dir, log);
            throw e;
        }
    }

    private static PostgresServer start(Path bin, Path dir, List<String> settings, Consumer<String> log)
            throws IOException, InterruptedException {
        var cluster = dir.resolve("cluster");
        if (root()) {
            check(run(List.of("chown", "postgres:postgres", dir.toString()), null, log), "chown");
        }
        var version = bin.getParent().getFileName().toString();
        check(run(asOwner(List.of(bin.resolve("initdb").toString(), "-D", cluster.toString(), "-U", USER,
                "--auth=trust", "-E", "UTF8", "--locale=C")), null, log), "initdb");
        int port;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var conf = new ArrayList<String>();
        conf.add("listen_addresses = '127.0.0.1'");
        conf.add("port = " + port);
        conf.add("unix_socket_directories = '" + dir + "'");
        conf.addAll(settings);
        // appended as it is (as root too: appending keeps the file postgres's)
        Files.write(cluster.resolve("postgresql.conf"), conf, java.nio.file.StandardOpenOption.APPEND);
        check(run(asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "120", "start")), null, log), "pg_ctl start");
        var server = new PostgresServer(bin, dir, port, version, log);
        log.accept("PostgreSQL " + version + " started on 127.0.0.1:" + port + " in " + dir);
        return server;
    }

    String version() {
        return version;
    }

    Path dir() {
        return dir;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    @Override
    public void close() {
        try {
            run(asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("cluster").toString(), "-m",
                    "fast", "-w", "stop")), null, log);
        } catch (Exception e) {
            log.accept("PostgreSQL: pg_ctl stop failed: " + e);
        }
        delete(dir, log);
        log.accept("PostgreSQL stopped, " + dir + " deleted");
    }

    private static void delete(Path dir, Consumer<String> log) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.accept("PostgreSQL: could not delete " + dir + ": " + e);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asOwner(List<String> command) {
        if (!root()) {
            return command;
        }
        var out = new ArrayList<String>(List.of("runuser", "-u", "postgres", "--"));
        out.addAll(command);
        return out;
    }

    private static void check(int exit, String what) throws IOException {
        if (exit != 0) {
            throw new IOException("PostgreSQL: " + what + " exited with " + exit);
        }
    }

    /** Runs a command, its output into the log (prefixed), and returns its exit code. */
    private static int run(List<String> command, Path cwd, Consumer<String> log) throws IOException, InterruptedException {
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        var p = pb.start();
        var lines = new ArrayList<String>();
        try (var reader = p.inputReader()) {
            reader.lines().forEach(lines::add);
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroy();
            return -1;
        }
        if (p.exitValue() != 0) {
            lines.stream().skip(Math.max(0, lines.size() - 20)).forEach(l -> log.accept("    | " + l));
        }
        return p.exitValue();
    }
}
