package io.rastro.export.job;

import io.rastro.RastroProperties;
import io.rastro.export.CountingOutputStream;
import io.rastro.export.ExportContext;
import io.rastro.export.ExportFormat;
import io.rastro.export.FormatWriter;
import io.rastro.export.ExportWords;
import io.rastro.report.Enums.MessageSort;
import io.rastro.store.Store;
import io.rastro.store.StoreException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs export jobs on a bounded pool of worker threads: count at the cutoff, stream the rows into a partial file,
 * rename it into place, mark the job DONE. However a job ends (done, failed, cancelled) its partial file is gone
 * and its slot is free. No principal here: a job runs with the scope resolved when it was started.
 */
@Component
public class ExportRunner {

    private static final Logger log = LoggerFactory.getLogger(ExportRunner.class);
    /** A small export finishes within the request that started it; a larger one is polled. */
    private static final Duration WAIT_IN_REQUEST = Duration.ofSeconds(1);
    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter HUMAN_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Store store;
    private final ExportQueries queries;
    private final ExportJobStore jobs;
    private final ExportFiles files;
    private final ExportSlots slots;
    private final RastroProperties.Export settings;
    private final Map<ExportFormat, FormatWriter> writers = new EnumMap<>(ExportFormat.class);
    private final Map<String, RunningExport> running = new ConcurrentHashMap<>();
    private final ExecutorService workers;

    public ExportRunner(Store store, ExportQueries queries, ExportJobStore jobs, ExportFiles files, ExportSlots slots,
                        List<FormatWriter> writers, RastroProperties properties) {
        this.store = store;
        this.queries = queries;
        this.jobs = jobs;
        this.files = files;
        this.slots = slots;
        this.settings = properties.export();
        writers.forEach(w -> this.writers.put(w.format(), w));
        var n = new AtomicInteger();
        // Platform threads: a worker spends its life in blocking engine reads and file writes.
        this.workers = Executors.newFixedThreadPool(Math.max(1, settings.maxConcurrent()),
                r -> Thread.ofPlatform().name("export-" + n.incrementAndGet()).daemon().unstarted(r));
    }

    /**
     * Takes a slot (or refuses: the caps), stores the job as QUEUED and starts it; returns its state after at
     * most about a second (DONE for small exports).
     */
    ExportJob submit(ExportPlan plan) {
        var accountId = plan.job().accountId();
        slots.acquire(accountId);
        var job = new RunningExport(plan, jobs);
        Future<?> future;
        try {
            running.put(plan.job().id(), job);
            jobs.save(plan.job());
            future = workers.submit(() -> run(job));
        } catch (RuntimeException e) {
            running.remove(plan.job().id());
            slots.release(accountId);
            throw e;
        }
        try {
            future.get(WAIT_IN_REQUEST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running, or failed: the job's state says which
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return job.current();
    }

    /** The live state of a job this process runs (fresher than the store's). */
    Optional<ExportJob> current(String id) {
        return Optional.ofNullable(running.get(id)).map(RunningExport::current);
    }

    /** Cancels a job this process runs; empty when it does not run it. */
    Optional<ExportJob> cancel(String id, String by) {
        return Optional.ofNullable(running.get(id)).map(r -> r.end(ExportStatus.CANCELLED, "Cancelled by " + by + "."));
    }

    Set<String> activeIds() {
        return Set.copyOf(running.keySet());
    }

    /**
     * Writes the heartbeat of every job this process runs (its current state again, a newer version), so other
     * instances see it is alive; a job that another instance ended meanwhile (a cancel sent there) is stopped here.
     */
    void heartbeat() {
        for (var job : running.values()) {
            var current = job.current();
            var stored = jobs.find(current.accountId(), current.id());
            if (stored.isPresent() && stored.get().status().finished()) {
                job.end(stored.get().status(), stored.get().state().failure());
            } else {
                job.update(j -> j);
            }
        }
    }

    private void run(RunningExport job) {
        var plan = job.plan();
        var initial = plan.job();
        Path partial = null;
        try {
            if (!job.update(j -> j.running(Instant.now()))) {
                return; // cancelled while queued
            }
            var startedNanos = System.nanoTime();
            var days = store.query(queries.dayCounts(plan.filter(), plan.scope(), initial.request().cutoff()),
                    row -> new ExportSlices.DayCount(Instant.ofEpochSecond(row.getLong("day")), row.getLong("c")));
            var matched = days.stream().mapToLong(ExportSlices.DayCount::rows).sum();
            var cap = initial.request().format() == ExportFormat.PDF && matched > settings.pdfMaxRows()
                    ? Long.valueOf(settings.pdfMaxRows()) : null;
            var total = cap == null ? matched : cap;
            var truncation = cap == null ? null : String.format(Locale.ROOT, "The filter matches %,d rows; a PDF "
                    + "holds at most %,d, so this one holds the first %,d in report order. Export to CSV, XLSX or "
                    + "Parquet for all rows.", matched, cap, cap);
            job.update(j -> j.counted(matched, total, truncation));
            log.debug("Export {}: {} rows counted in {} ms", initial.id(), matched, (System.nanoTime() - startedNanos) / 1_000_000);
            partial = files.preparePartial(initial);
            var writer = writers.get(initial.request().format());
            // Parquet is one file written by the engine: one statement. The row writers read slices of days.
            // CSV cells are rendered by the engine too; XLSX and PDF cells are typed values the writer lays out.
            var zone = ZoneId.of(initial.request().timeZone());
            var cells = switch (initial.request().format()) {
                case CSV -> ExportQueries.Cells.CSV;
                case PARQUET -> ExportQueries.Cells.PARQUET;
                case XLSX, PDF -> ExportQueries.Cells.VALUES;
            };
            // a document for people shows the common WhatsApp errors' titles in its own language
            var errorTitles = initial.request().format() == ExportFormat.PDF
                    ? ExportWords.of(initial.request().locale()).errorTitles() : null;
            var slices = ExportSlices.of(days, initial.request().sort() != MessageSort.OLDEST_FIRST, cap).stream()
                    .map(slice -> queries.sliceRows(plan.filter(), plan.scope(), initial.request().sort(), initial.request().cutoff(),
                            initial.request().columns(), cells, slice, plan.subaccountNames(), zone, errorTitles))
                    .toList();
            var context = new ExportContext(store, queries.rows(plan.filter(), plan.scope(), initial.request().sort(),
                    initial.request().cutoff(), initial.request().columns(), cells, cap, plan.subaccountNames(), zone), slices,
                    initial.request().columns(), initial.request().locale(), zone, plan.csvBom(), heading(plan, matched, cap), job.progress(),
                    new ExportContext.Snapshot(initial.request().cutoff(), initial.request().dataAsOf()));
            long rows;
            try (var channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ)) {
                var file = new ForcingChannelStream(channel);
                var out = new BufferedOutputStream(new CountingOutputStream(file, job.progress()), 1 << 16);
                rows = writer.write(context, out);
                out.flush();
                writer.finish(context, channel);
                // on disk before it is published: a crash must not leave a complete-looking, empty file
                file.force();
            }
            // The engine wrote the Parquet rows itself; it wrote those the count found at the same cutoff.
            var written = rows < 0 ? total : rows;
            if (job.complete(files, partial, written, settings.retention())) {
                log.info("Export {} of {} done: {} {} rows in {} ms", initial.id(), initial.accountId(), written,
                        initial.request().format(), (System.nanoTime() - startedNanos) / 1_000_000);
            } else {
                files.deleteQuietly(partial);
            }
        } catch (Throwable t) {
            if (partial != null) {
                files.deleteQuietly(partial);
            }
            if (!job.progress().cancelled()) {
                log.error("Export {} of {} failed", initial.id(), initial.accountId(), t);
                try {
                    job.update(j -> j.ended(ExportStatus.FAILED, reason(t), Instant.now()));
                } catch (RuntimeException e) {
                    log.error("Export {}: the failure could not be stored: {}", initial.id(), e.getMessage());
                }
            }
        } finally {
            running.remove(initial.id());
            slots.release(initial.accountId());
        }
    }

    /** The title block: only documents for people (PDF) show it, so only they pay for the counts by status. */
    private ExportContext.Heading heading(ExportPlan plan, long matched, Long cap) {
        var job = plan.job();
        var zone = ZoneId.of(job.request().timeZone());
        var words = ExportWords.of(job.request().locale());
        var byStatus = job.request().format() != ExportFormat.PDF ? List.<ExportContext.StatusCount>of()
                : store.query(queries.statusCounts(plan.filter(), plan.scope(), job.request().cutoff()),
                        row -> new ExportContext.StatusCount(row.getString("status"), row.getLong("c")));
        var period = HUMAN.format(job.request().periodFrom().atZone(zone)) + " – " + HUMAN.format(job.request().periodTo().atZone(zone));
        return new ExportContext.Heading(plan.accountName(), period, zone.getId(),
                FilterText.describe(plan.filter(), plan.subaccountNames(), words), matched,
                HUMAN_SECONDS.format(job.request().dataAsOf().atZone(zone)), HUMAN.format(Instant.now().atZone(zone)), byStatus,
                plan.filter().direction(), cap == null ? null : words.get("report.truncated", cap, matched));
    }

    /**
     * What a person reads when a job failed: no SQL, no engine text (those are in the log). A full disk is named
     * whatever wrapped it (the server engine wraps a failing consumer in a StoreException).
     */
    static String reason(Throwable t) {
        for (var cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException && cause.getMessage() != null && cause.getMessage().contains("No space left")) {
                return "The export file could not be written: the disk is full.";
            }
        }
        for (var cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreException e) {
                return e.isLimitExceeded()
                        ? "The export needed more time or memory than the engine allows one statement. "
                        + "Narrow the period or add filters, or export in parts."
                        : "The engine failed while reading the rows; the failure was logged. Try again later.";
            }
            if (cause instanceof IOException) {
                return "The export file could not be written; the failure was logged.";
            }
        }
        return "The export failed unexpectedly; the failure was logged.";
    }

    /** Jobs still running when the service stops end FAILED now rather than look RUNNING forever. */
    @PreDestroy
    void shutdown() {
        running.values().forEach(r -> {
            try {
                r.end(ExportStatus.FAILED, "Interrupted by a shutdown of the service; start the export again.");
            } catch (RuntimeException e) {
                log.warn("Export {}: the shutdown could not be stored: {}", r.plan().job().id(), e.getMessage());
            }
        });
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
