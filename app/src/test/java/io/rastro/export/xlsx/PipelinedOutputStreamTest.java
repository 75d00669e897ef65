package io.rastro.export.xlsx;

import io.rastro.export.CountingOutputStream;
import io.rastro.export.Progress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-over to the writing thread keeps every byte in order, and a failure there reaches the producer. */
class PipelinedOutputStreamTest {

    @Test
    void everyByteArrivesInOrderWhateverTheWriteSizes() throws Exception {
        var random = new Random(3);
        var expected = new ByteArrayOutputStream();
        var target = new ByteArrayOutputStream();
        var writers = new AtomicReference<Thread>();
        var recording = new OutputStream() {
            @Override
            public void write(int b) {
                target.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writers.set(Thread.currentThread());
                target.write(b, off, len);
            }
        };
        try (var pipe = new PipelinedOutputStream(recording, "test-pipe")) {
            for (int i = 0; i < 3_000; i++) {
                // single bytes, small writes, and writes larger than a chunk
                var size = switch (random.nextInt(3)) {
                    case 0 -> 1;
                    case 1 -> random.nextInt(100);
                    default -> random.nextInt(3 * PipelinedOutputStream.CHUNK);
                };
                var bytes = new byte[size];
                random.nextBytes(bytes);
                if (size == 1) {
                    pipe.write(bytes[0]);
                } else {
                    pipe.write(bytes, 0, size);
                }
                expected.write(bytes);
                if (i % 500 == 0) {
                    pipe.drain();
                    // after a drain the target holds everything written so far
                    assertThat(target.size()).isEqualTo(expected.size());
                }
            }
        }
        assertThat(target.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(writers.get()).isNotSameAs(Thread.currentThread());
        assertThat(writers.get().getName()).isEqualTo("test-pipe");
        writers.get().join(5_000);
        assertThat(writers.get().isAlive()).as("the writing thread ends at close").isFalse();
    }

    @Test
    void aFailureOfTheTargetIsThrownToTheProducerAndNothingIsWrittenAfterIt() throws Exception {
        var written = new ByteArrayOutputStream();
        var failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written.size() >= PipelinedOutputStream.CHUNK) {
                    throw new IOException("disk full");
                }
                written.write(b, off, len);
            }
        };
        var pipe = new PipelinedOutputStream(failing, "test-pipe");
        var chunk = new byte[PipelinedOutputStream.CHUNK];
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1_000; i++) {
                pipe.write(chunk);
            }
        }).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThatThrownBy(pipe::drain).hasMessage("disk full");
        pipe.close();
        assertThat(written.size()).isEqualTo(PipelinedOutputStream.CHUNK);
        assertThatThrownBy(() -> pipe.write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void aCancelledExportStopsOnTheWritingThreadAndTheProducerSeesTheCancel() throws Exception {
        var progress = new Progress((rows, bytes) -> { });
        var counting = new CountingOutputStream(OutputStream.nullOutputStream(), progress);
        var pipe = new PipelinedOutputStream(counting, "test-pipe");
        pipe.write(new byte[10]);
        pipe.drain();
        progress.cancel();
        assertThatThrownBy(() -> {
            pipe.write(new byte[10]);
            pipe.drain();
        }).isInstanceOf(Progress.ExportCancelledException.class);
        pipe.close();
    }
}
