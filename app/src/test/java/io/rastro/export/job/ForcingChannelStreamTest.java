package io.rastro.export.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The file written through the forcing stream is exactly what was written, across several background forces. */
class ForcingChannelStreamTest {

    @Test
    void theFileHoldsEveryByteInOrderAcrossBackgroundForces(@TempDir Path dir) throws IOException {
        var file = dir.resolve("export.csv.partial");
        var random = new Random(7);
        var expected = new byte[(int) (ForcingChannelStream.FORCE_EVERY * 2 + 12_345)];
        random.nextBytes(expected);
        try (var channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            var out = new ForcingChannelStream(channel);
            for (int at = 0; at < expected.length; ) {
                var n = Math.min(expected.length - at, 1 + random.nextInt(1 << 20));
                if (n == 1) {
                    out.write(expected[at]);
                } else {
                    out.write(expected, at, n);
                }
                at += n;
            }
            out.force();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    }
}
