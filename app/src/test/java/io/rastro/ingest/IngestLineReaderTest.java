package io.rastro.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IngestLineReaderTest {

    /** Hands out one byte per read, so every line crosses buffer boundaries. */
    static InputStream trickle(String s) {
        var in = new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
        return new InputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, Math.min(1, len));
            }
        };
    }

    static List<String> lines(InputStream in, int max) {
        var reader = new LineReader(in, max);
        var out = new ArrayList<String>();
        while (reader.next()) {
            out.add(reader.tooLong() ? "<too long>" : reader.blank() ? "<blank>"
                    : new String(reader.bytes(), 0, reader.length(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void splitsOnLfAndCrlfAndKeepsALastLineWithoutNewline() {
        var body = "a\r\nbé\n\n \t\nc";
        assertThat(lines(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 100))
                .containsExactly("a", "bé", "<blank>", "<blank>", "c");
        assertThat(lines(trickle(body), 100)).containsExactly("a", "bé", "<blank>", "<blank>", "c");
        assertThat(lines(trickle(""), 100)).isEmpty();
        assertThat(lines(trickle("x\n"), 100)).containsExactly("x");
    }

    @Test
    void aLongLineIsFlaggedAndSkippedWithoutBeingKept() {
        assertThat(lines(trickle("12345\nab\n1234\r\n12345\r\n"), 4))
                .containsExactly("<too long>", "ab", "1234", "<too long>");
        var reader = new LineReader(new ByteArrayInputStream(("y".repeat(1_000_000) + "\nok").getBytes()), 1000);
        assertThat(reader.next()).isTrue();
        assertThat(reader.tooLong()).isTrue();
        assertThat(reader.bytes().length).as("the buffer never grew past the bound").isLessThanOrEqualTo(2048);
        assertThat(reader.next()).isTrue();
        assertThat(new String(reader.bytes(), 0, reader.length())).isEqualTo("ok");
        assertThat(reader.bytesRead()).isEqualTo(1_000_003);
    }
}
