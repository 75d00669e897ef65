package io.rastro.export.job;

import io.rastro.export.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A job while this process runs it: its current state and its progress. Every state change goes through this
 * object's lock and is written to the store before anyone else can change it again, so a cancel and the worker
 * finishing cannot both win: whichever comes first ends the job, and the other sees it ended.
 */
final class RunningExport {

    private final ExportPlan plan;
    private final ExportJobStore jobs;
    private final Progress progress;
    private ExportJob current;

    RunningExport(ExportPlan plan, ExportJobStore jobs) {
        this.plan = plan;
        this.jobs = jobs;
        this.current = plan.job();
        this.progress = new Progress((rows, bytes) -> update(job -> job.progress(rows, bytes)));
    }

    ExportPlan plan() {
        return plan;
    }

    Progress progress() {
        return progress;
    }

    synchronized ExportJob current() {
        return current;
    }

    /** Applies and stores a change unless the job already ended; returns whether it did. */
    synchronized boolean update(UnaryOperator<ExportJob> change) {
        if (current.status().finished()) {
            return false;
        }
        var next = change.apply(current);
        jobs.save(next);
        current = next;
        return true;
    }

    /** Ends the job early (cancel, shutdown): stored first, then the writer is told to stop. */
    synchronized ExportJob end(ExportStatus status, String reason) {
        if (!current.status().finished()) {
            var next = current.ended(status, reason, Instant.now());
            jobs.save(next);
            current = next;
            progress.cancel();
        }
        return current;
    }

    /**
     * Publishes the complete partial file and marks the job DONE, unless it ended meanwhile (then the caller
     * deletes the partial file).
     */
    synchronized boolean complete(ExportFiles files, Path partial, long rows, Duration retention) throws IOException {
        if (current.status().finished()) {
            return false;
        }
        var done = files.done(current);
        var size = Files.size(partial);
        files.publish(partial, done);
        try {
            var at = Instant.now();
            var next = current.done(rows, size, at, at.plus(retention));
            jobs.save(next);
            current = next;
        } catch (RuntimeException e) {
            files.deleteQuietly(done);
            throw e;
        }
        return true;
    }
}
