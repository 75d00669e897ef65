package io.rastro.export.job;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Copies an export's file to a client while the job still writes it, the way {@code tail -f} follows a log:
 * what is on disk now, then each new part as it lands, until the job is DONE and every byte it counted is sent.
 * A CSV file only grows while it is written (the engine appends rows; nothing is amended afterwards), so each
 * byte sent is final. The job's publish renames the partial file to its final name; the descriptor opened here
 * keeps reading the same file across that rename.
 * <p>
 * A job that ends without its file (FAILED, CANCELLED, EXPIRED), or stops growing for {@code staleAfter} while
 * it is still said to run (its instance died), ends the copy with {@link Aborted}: the caller must then break the
 * response off rather than finish it, so that a client never mistakes a cut file for a whole one.
 */
final class ExportFollower {

    private static final int BUFFER_BYTES = 1 << 16;

    /** The followed job ended without a complete file, or stopped making progress. */
    static final class Aborted extends IOException {
        Aborted(String message) {
            super(message);
        }

        /** An expected end, logged by the container as it breaks the response off: its message says it all. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final Path partial;
    private final Path done;
    private final Supplier<ExportJob> state;
    private final Duration idlePoll;
    private final Duration staleAfter;

    /**
     * @param partial    where the job writes its file
     * @param done       where the file is once published
     * @param state      the job's current state (the runner's own when it runs in this process, else the store's)
     * @param idlePoll   how long to wait when the file has no new bytes yet
     * @param staleAfter how long a running job may go without a new byte before the follow gives up
     */
    ExportFollower(Path partial, Path done, Supplier<ExportJob> state, Duration idlePoll, Duration staleAfter) {
        this.partial = partial;
        this.done = done;
        this.state = state;
        this.idlePoll = idlePoll;
        this.staleAfter = staleAfter;
    }

    /** Sends the whole file to {@code out} as it is written; returns the bytes sent. */
    long copyTo(OutputStream out) throws IOException {
        try (var channel = open()) {
            var buffer = ByteBuffer.allocate(BUFFER_BYTES);
            long sent = 0;
            var lastProgress = System.nanoTime();
            while (true) {
                buffer.clear();
                var n = channel.read(buffer, sent);
                if (n > 0) {
                    out.write(buffer.array(), 0, n);
                    sent += n;
                    lastProgress = System.nanoTime();
                    continue;
                }
                // at the end of what is written so far: the job decides whether more is coming
                var job = state.get();
                var status = job == null ? ExportStatus.FAILED : job.status();
                if (status == ExportStatus.DONE) {
                    if (sent == job.state().bytes()) {
                        out.flush();
                        return sent;
                    }
                    if (sent > job.state().bytes()) {
                        throw new Aborted("The export's file is longer than its job says: " + sent + " bytes sent, "
                                + job.state().bytes() + " counted.");
                    }
                    continue; // the last bytes landed after this read: read them
                }
                if (status.finished()) {
                    throw new Aborted("The export ended " + status + " before its file was complete"
                            + (job == null ? "." : ": " + job.state().failure()));
                }
                if (System.nanoTime() - lastProgress > staleAfter.toNanos()) {
                    throw new Aborted("The export has written nothing for " + staleAfter.toSeconds()
                            + " s while it is still " + status + "; the follow gives up.");
                }
                out.flush();
                pause();
            }
        }
    }

    /** The file as soon as the job has created it (it counts its rows first), or its published copy. */
    private FileChannel open() throws IOException {
        var since = System.nanoTime();
        while (true) {
            for (var path : new Path[] {partial, done}) {
                try {
                    return FileChannel.open(path, StandardOpenOption.READ);
                } catch (NoSuchFileException e) {
                    // not created yet, or already renamed: try the other name, then wait
                }
            }
            var job = state.get();
            if (job == null || job.status().finished() && job.status() != ExportStatus.DONE) {
                throw new Aborted("The export ended " + (job == null ? "FAILED" : job.status())
                        + " before its file was written" + (job == null ? "." : ": " + job.state().failure()));
            }
            if (job.status() == ExportStatus.DONE) {
                // published and then gone (expired between the two opens): nothing to follow
                throw new Aborted("The export's file is no longer available.");
            }
            if (System.nanoTime() - since > staleAfter.toNanos()) {
                throw new Aborted("The export has not started writing its file within " + staleAfter.toSeconds()
                        + " s; the follow gives up.");
            }
            pause();
        }
    }

    private void pause() throws IOException {
        try {
            Thread.sleep(idlePoll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Aborted("Interrupted while following the export.");
        }
    }
}
