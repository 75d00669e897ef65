package io.rastro.store.chdb;

import io.rastro.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Pitfalls that need a second process (docs/chdb-pitfalls.md): the data directory lock, and shutting down under a running query. */
class ChdbProcessTest {

    @Test
    void aSecondProcessOnTheSameDataDirectoryGetsAClearError() throws Exception {
        TestEngine.store(); // this JVM holds the directory
        var result = run("open", TestEngine.dataDir());
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("REFUSED").contains(TestEngine.dataDir().toAbsolutePath().toString())
                .contains("only one process");
    }

    @Test
    void shutdownCancelsRunningQueriesThenClosesWithoutCrashing(@TempDir Path dir) throws Exception {
        var result = run("shutdown-under-load", dir);
        assertThat(result.output()).contains("CLOSED CLEANLY");
        assertThat(result.exitCode()).isZero();
    }

    /**
     * chDB reads a piped stdin as an INSERT's external data, so {@code INSERT ... VALUES} fails with
     * NOT_IMPLEMENTED in a process started with one (a pipeline, some process managers). Rastro's statements
     * insert with {@code INSERT ... SELECT}; this runs the migrations, which record themselves, under a pipe.
     */
    @Test
    void insertsWorkWhenTheProcessHasAPipedStdin(@TempDir Path dir) throws Exception {
        var result = run("piped-stdin", dir, "1\n2\n3\n");
        assertThat(result.output()).containsPattern("MIGRATED (\\d+) RECORDED \\1");
        assertThat(result.exitCode()).isZero();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String mode, Path dir) throws Exception {
        return run(mode, dir, null);
    }

    private static Result run(String mode, Path dir, String stdin) throws Exception {
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<String>();
        command.add(java);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChdbProcessProbe.class.getName());
        command.add(mode);
        command.add(TestEngine.library().toString());
        command.add(dir.toString());
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        var finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
            throw new AssertionError("probe hung: " + mode);
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
