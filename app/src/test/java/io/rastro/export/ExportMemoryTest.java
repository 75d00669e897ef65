package io.rastro.export;

import io.rastro.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV path keeps memory flat: a JVM whose whole heap is 48 MB writes a ~200k-row, every-column CSV that is
 * larger than that heap. (The 10M-row, -Xmx256m run is the benchmark's.)
 */
class ExportMemoryTest {

    private static final long HEAP = 48L * 1024 * 1024;

    @Test
    void aCsvLargerThanTheHeapIsWrittenByAJvmWithASmallHeap(@TempDir Path dir) throws Exception {
        var out = dir.resolve("export.csv");
        var command = new ArrayList<String>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Xmx" + HEAP / 1024 / 1024 + "m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ExportMemoryProbe.class.getName());
        command.add(TestEngine.library().toString());
        command.add(dir.resolve("engine").toString());
        command.add(out.toString());
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        var m = Pattern.compile("ROWS (\\d+) BYTES (\\d+) MAXHEAP (\\d+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        var rows = Long.parseLong(m.group(1));
        var bytes = Long.parseLong(m.group(2));
        assertThat(rows).isGreaterThan(190_000);
        assertThat(Long.parseLong(m.group(3))).isLessThanOrEqualTo(HEAP);
        assertThat(bytes).as("the file is larger than the whole heap").isGreaterThan(HEAP);
        assertThat(Files.size(out)).isEqualTo(bytes);
        System.out.println("Flat-memory probe: " + m.group() + " (" + output.lines().filter(l -> l.startsWith("ROWS")).findFirst().orElse("") + ")");
        try (var lines = Files.lines(out)) {
            assertThat(lines.count()).isGreaterThanOrEqualTo(rows + 1);
        }
    }
}
