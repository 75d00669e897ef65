package io.rastro.export.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Keeps jobs and files honest over time: at startup, jobs a previous process left QUEUED or RUNNING end FAILED
 * (their worker is gone) and stray partial files are deleted; every few minutes, files past their retention are
 * deleted and their jobs become EXPIRED.
 */
@Component
public class ExportMaintenance {

    private static final Logger log = LoggerFactory.getLogger(ExportMaintenance.class);
    public static final String INTERRUPTED = "Interrupted by a restart of the service; start the export again.";

    private final ExportJobStore jobs;
    private final ExportFiles files;
    private final ExportRunner runner;
    private final Instant processStart = Instant.now();

    public ExportMaintenance(ExportJobStore jobs, ExportFiles files, ExportRunner runner) {
        this.jobs = jobs;
        this.files = files;
        this.runner = runner;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        var failed = recoverInterrupted();
        var stray = files.deleteStrayPartials(runner.activeIds());
        if (failed > 0 || stray > 0) {
            log.info("Exports: {} interrupted jobs marked FAILED, {} partial files deleted", failed, stray);
        }
        removeExpired(Instant.now());
    }

    /**
     * Marks FAILED every job still QUEUED or RUNNING that was created before this process started: no worker of
     * this process runs it, so it can never finish. Jobs this process started are left alone.
     *
     * @return how many jobs were marked
     */
    public int recoverInterrupted() {
        var marked = 0;
        for (var job : jobs.unfinished()) {
            if (!job.createdAt().isBefore(processStart) || runner.activeIds().contains(job.id())) {
                continue;
            }
            files.deleteQuietly(files.partial(job));
            jobs.save(job.ended(ExportStatus.FAILED, INTERRUPTED, Instant.now()));
            marked++;
        }
        return marked;
    }

    @Scheduled(fixedDelay = 5, initialDelay = 5, timeUnit = TimeUnit.MINUTES)
    public void clean() {
        try {
            removeExpired(Instant.now());
        } catch (RuntimeException e) {
            log.warn("Export cleanup failed, retrying at the next run: {}", e.getMessage());
        }
    }

    /**
     * Deletes the files of DONE jobs whose retention ended at or before {@code now} and marks them EXPIRED.
     *
     * @return how many jobs expired
     */
    public int removeExpired(Instant now) {
        var expired = jobs.expired(now);
        for (var job : expired) {
            files.deleteQuietly(files.done(job));
            jobs.save(job.expired());
        }
        if (!expired.isEmpty()) {
            log.info("Exports: {} files past retention deleted", expired.size());
        }
        return expired.size();
    }
}
