package io.rastro.export.job;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes an export's file and has it reach the disk while it is written, not only at its end. The file must be
 * on disk before it is published (a crash must not leave a complete-looking, empty file); forced only then, at
 * its end, an account-month of CSV (382 MB) kept the job 0.20-0.24 s longer for that one force. Here each
 * {@link #FORCE_EVERY} bytes start a force of what is written so far on a thread of its own while the writer goes
 * on, and {@link #force()} waits for it and forces the rest, which is then at most a few tens of MB. Measured on
 * the bench's CSV export at 10M, interleaved: 299-323k rows/s before, 347-375k after.
 */
final class ForcingChannelStream extends OutputStream {

    /** Bytes written between two background forces. */
    static final long FORCE_EVERY = 32L << 20;

    private final FileChannel channel;
    private long sinceForce;
    private Thread forcing;
    private volatile IOException failure;

    ForcingChannelStream(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        var buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        sinceForce += len;
        if (sinceForce >= FORCE_EVERY && (forcing == null || !forcing.isAlive())) {
            rethrow();
            sinceForce = 0;
            forcing = Thread.ofVirtual().name("export-force").start(() -> {
                try {
                    channel.force(false);
                } catch (IOException e) {
                    failure = e;
                }
            });
        }
    }

    /** Waits for a background force, then forces everything written (data and metadata). */
    void force() throws IOException {
        if (forcing != null) {
            try {
                forcing.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while the export's file was forced to disk", e);
            }
        }
        rethrow();
        channel.force(true);
    }

    private void rethrow() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }
}
