package io.rastro.export.job;

import io.rastro.InstanceId;
import io.rastro.RastroProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;

/**
 * Keeps jobs and files honest over time, with several instances over one store: every
 * {@code rastro.export.heartbeat} this instance re-saves the jobs it runs (their heartbeat) and fails the jobs
 * whose heartbeat is older than {@code rastro.export.stale-after} (their instance is gone); at startup it also
 * fails at once the jobs it owned itself before it started, and deletes partial files no live job writes. Every few
 * minutes, files past their retention are deleted and their jobs become EXPIRED.
 */
@Component
public class ExportMaintenance {

    private static final Logger log = LoggerFactory.getLogger(ExportMaintenance.class);
    public static final String INTERRUPTED = "Interrupted by a restart of the service; start the export again.";
    public static final String STALE = "The instance running it stopped; start the export again.";

    private final ExportJobStore jobs;
    private final ExportFiles files;
    private final ExportRunner runner;
    private final InstanceId instance;
    private final Duration staleAfter;
    private final Instant processStart = Instant.now();

    public ExportMaintenance(ExportJobStore jobs, ExportFiles files, ExportRunner runner, InstanceId instance,
                             RastroProperties properties) {
        this.jobs = jobs;
        this.files = files;
        this.runner = runner;
        this.instance = instance;
        this.staleAfter = properties.export().staleAfter();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        var failed = recoverInterrupted();
        var live = new HashSet<>(runner.activeIds());
        jobs.unfinished().forEach(u -> live.add(u.job().id()));
        var stray = files.deleteStrayPartials(live);
        if (failed > 0 || stray > 0) {
            log.info("Exports: {} interrupted jobs marked FAILED, {} partial files deleted", failed, stray);
        }
        removeExpired(Instant.now());
    }

    @Scheduled(fixedDelayString = "${rastro.export.heartbeat:10s}", initialDelayString = "${rastro.export.heartbeat:10s}")
    public void heartbeat() {
        try {
            runner.heartbeat();
            recoverInterrupted();
        } catch (RuntimeException e) {
            log.warn("Export heartbeat failed, retrying at the next one: {}", e.getMessage());
        }
    }

    /**
     * Marks FAILED every job still QUEUED or RUNNING that no worker runs any more: one this instance owned and
     * created before it started, or one of any instance whose heartbeat is older than {@code stale-after}. Jobs
     * this process runs, and other instances' live jobs, are left alone.
     *
     * @return how many jobs were marked
     */
    public int recoverInterrupted() {
        var marked = 0;
        var now = Instant.now();
        for (var unfinished : jobs.unfinished()) {
            var job = unfinished.job();
            if (runner.activeIds().contains(job.id())) {
                continue;
            }
            var mineFromBefore = unfinished.instance().equals(instance.id()) && job.request().createdAt().isBefore(processStart);
            var stale = unfinished.heartbeat().isBefore(now.minus(staleAfter));
            if (!mineFromBefore && !stale) {
                continue;
            }
            files.deleteQuietly(files.partial(job));
            jobs.save(job.ended(ExportStatus.FAILED, mineFromBefore ? INTERRUPTED : STALE, Instant.now()));
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
     * Deletes the files of DONE jobs whose retention ended at or before {@code now} and marks them EXPIRED. Any
     * instance may do it (the directory is shared); two doing it at once delete and mark the same, harmlessly.
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
