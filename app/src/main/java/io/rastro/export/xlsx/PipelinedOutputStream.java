package io.rastro.export.xlsx;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Hands the bytes written to it, in chunks, to a thread of its own that writes them on to the target, so that
 * producing the bytes and what the target does with them (the XLSX writer's deflating) run on two cores. The
 * chunks are a small fixed set of buffers that go round: a producer that is ahead waits for a free one, so memory
 * stays at {@code BUFFERS x CHUNK} however much is written.
 *
 * <p>The target is used only from that thread until {@link #drain()} returns: call it before using the target
 * directly (a new zip entry). A failure on that thread is thrown to the producer at its next write, drain or
 * close. {@link #close()} drains and ends the thread but leaves the target open; the caller owns it.
 */
final class PipelinedOutputStream extends OutputStream {

    static final int CHUNK = 1 << 16;
    private static final int BUFFERS = 4;

    private final OutputStream target;
    private final ExecutorService thread;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private volatile Throwable failure;
    private byte[] current;
    private int used;
    private boolean closed;

    PipelinedOutputStream(OutputStream target, String threadName) {
        this.target = target;
        this.thread = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name(threadName).daemon().unstarted(r));
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[CHUNK]);
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (current == null || used == CHUNK) {
            next();
        }
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (current == null || used == CHUNK) {
                next();
            }
            int n = Math.min(len, CHUNK - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    /** Sends what is buffered; it reaches the target in order, like every chunk before it. */
    @Override
    public void flush() throws IOException {
        send();
    }

    /** Returns once every byte written so far has been written to the target (and its failure, if any, thrown). */
    void drain() throws IOException {
        send();
        try {
            thread.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the pipeline drained");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        rethrow();
    }

    /**
     * Drains (unless a failure ended the pipeline) and ends the thread; the target stays open. After a failure the
     * chunks already handed over are still written (or fail) before this returns, so that nothing touches the
     * target once its owner goes on to close it; the thread is not interrupted, which would close a file channel.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                drain();
            }
        } finally {
            closed = true;
            thread.shutdown();
            try {
                thread.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void next() throws IOException {
        send();
        try {
            current = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a buffer");
        }
        used = 0;
    }

    private void send() throws IOException {
        rethrow();
        if (closed) {
            throw new IOException("stream closed");
        }
        if (current == null) {
            return;
        }
        var chunk = current;
        var length = used;
        current = null;
        used = 0;
        thread.execute(() -> {
            try {
                if (failure == null && length > 0) {
                    target.write(chunk, 0, length);
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                free.add(chunk);
            }
        });
    }

    private void rethrow() throws IOException {
        var t = failure;
        switch (t) {
            case null -> { }
            case IOException e -> throw e;
            case UncheckedIOException e -> throw e.getCause();
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IOException(t);
        }
    }
}
