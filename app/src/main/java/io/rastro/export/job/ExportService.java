package io.rastro.export.job;

import io.rastro.RastroProperties;
import io.rastro.export.ExportColumn;
import io.rastro.export.ExportFormat;
import io.rastro.export.ExportLocale;
import io.rastro.export.job.ExportRequests.CancelExportInput;
import io.rastro.export.job.ExportRequests.StartExportInput;
import io.rastro.freshness.Freshness;
import io.rastro.report.Directory;
import io.rastro.report.Enums.MessageSort;
import io.rastro.report.ReportService;
import io.rastro.security.CurrentPrincipal;
import io.rastro.security.RastroPrincipal;
import io.rastro.web.BadRequestException;
import io.rastro.web.ConflictException;
import io.rastro.web.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The export operations. The tenant and the rows a job may read come from the authenticated principal only; a
 * job is visible to the principal that started it and to its account's administrators, and to nobody else (not
 * found, the same answer as for an id that does not exist).
 */
@Service
public class ExportService {

    private static final Pattern ID = Pattern.compile("exp_[0-9a-f]{24}");
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int DEFAULT_LIST = 20;
    static final int MAX_LIST = 100;

    private final ReportService reports;
    private final Directory directory;
    private final ExportJobStore jobs;
    private final ExportRunner runner;
    private final ExportFiles files;
    private final Freshness freshness;
    private final Duration staleAfter;

    public ExportService(ReportService reports, Directory directory, ExportJobStore jobs, ExportRunner runner,
                         ExportFiles files, Freshness freshness, RastroProperties properties) {
        this.reports = reports;
        this.directory = directory;
        this.jobs = jobs;
        this.runner = runner;
        this.files = files;
        this.freshness = freshness;
        this.staleAfter = properties.export().staleAfter();
    }

    /** A finished file to send, and up to when its data was complete. */
    public record Download(Path path, String fileName, String contentType, Instant dataAsOf) {
    }

    /** A running export's file to send as it is written ({@link ExportFollower}), and whose it is. */
    public record Following(String accountId, String fileName, String contentType, Instant dataAsOf,
                            ExportFollower follower) {
    }

    /** How often a follow looks for new bytes: the runner's state is in memory here, another instance's in the store. */
    static final Duration FOLLOW_POLL_LOCAL = Duration.ofMillis(20);
    static final Duration FOLLOW_POLL_REMOTE = Duration.ofMillis(250);

    @PreAuthorize("hasRole('REPORT')")
    public ExportJob start(StartExportInput input) {
        var caller = CurrentPrincipal.require();
        if (input == null || input.format() == null) {
            throw new BadRequestException("input.format", "A format is required: CSV, XLSX, PDF or PARQUET.");
        }
        var filter = reports.resolve(input.filter(), input.savedSearchId(), caller, "input.filter");
        var columns = columns(input.columns(), filter, input.format());
        var zone = ReportService.zone(input.timeZone());
        // Freshness first, the snapshot after it: every batch acknowledged up to dataAsOf was stored before the
        // cutoff, so the file holds it.
        var dataAsOf = freshness.dataAsOf(caller.accountId());
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var request = new ExportJob.Request(newId(), caller.accountId(), caller.name(), input.format(), filter.from(),
                filter.to(), zone.getId(), input.locale() == null ? ExportLocale.EN : input.locale(),
                input.sort() == null ? MessageSort.NEWEST_FIRST : input.sort(), columns, now,
                dataAsOf.map(at -> at.isAfter(now) ? now : at).orElse(now), now);
        var job = new ExportJob(request, ExportJob.State.QUEUED);
        var plan = new ExportPlan(job, filter, caller.scope(), Boolean.TRUE.equals(input.csvBom()),
                directory.accountName(caller.accountId()), directory.subaccountNames(caller.accountId()));
        return runner.submit(plan);
    }

    @PreAuthorize("hasRole('REPORT')")
    public ExportJob job(String id) {
        var caller = CurrentPrincipal.require();
        return live(visible(caller, id, "id"));
    }

    /** The caller's jobs, newest first; an account administrator's list holds every job of the account. */
    @PreAuthorize("hasRole('REPORT')")
    public List<ExportJob> jobs(Integer first) {
        var caller = CurrentPrincipal.require();
        var limit = first == null ? DEFAULT_LIST : first;
        if (limit < 1 || limit > MAX_LIST) {
            throw new BadRequestException("first", "Lists hold 1 to " + MAX_LIST + " jobs; " + limit + " was asked for.");
        }
        return jobs.list(caller.accountId(), caller.isAdmin() ? null : caller.name(), limit).stream()
                .map(this::live).toList();
    }

    @PreAuthorize("hasRole('REPORT')")
    public ExportJob cancel(CancelExportInput input) {
        var caller = CurrentPrincipal.require();
        var job = visible(caller, input == null ? null : input.id(), "input.id");
        var live = runner.cancel(job.id(), caller.name());
        if (live.isPresent()) {
            return cancelledOrConflict(live.get());
        }
        // Not running here: read again, the worker may have ended it since the first read.
        var stored = jobs.find(caller.accountId(), job.id()).orElse(job);
        if (!stored.status().finished()) {
            // Stored as running but no worker of this process runs it (it died with a previous process).
            var ended = stored.ended(ExportStatus.CANCELLED, "Cancelled by " + caller.name() + ".", Instant.now());
            jobs.save(ended);
            return ended;
        }
        return cancelledOrConflict(stored);
    }

    @PreAuthorize("hasRole('REPORT')")
    public Download download(String id) {
        var caller = CurrentPrincipal.require();
        var job = live(visible(caller, id, "id"));
        switch (job.status()) {
            case QUEUED, RUNNING -> throw new ConflictException("id", "The export is still " + job.status()
                    + " (" + job.state().rowsWritten() + " rows written so far); download it once its status is DONE.");
            case FAILED, CANCELLED -> throw new NotFoundException("id", "The export ended " + job.status()
                    + " and has no file: " + job.state().failure());
            case EXPIRED -> throw new NotFoundException("id", "The export's file expired at " + job.state().expiresAt()
                    + " and was deleted; start the export again.");
            case DONE -> {
                var path = files.done(job);
                if (!Files.isRegularFile(path)) {
                    throw new NotFoundException("id", "The export's file is no longer available; start the export again.");
                }
                return new Download(path, ExportFiles.downloadName(job), job.request().format().contentType,
                        job.request().dataAsOf());
            }
        }
        throw new IllegalStateException("unknown status " + job.status());
    }

    /**
     * The caller's queued or running export, to follow while it is written; empty once the job has ended (the
     * ordinary download then answers: the file, or why there is none). Only formats whose bytes are final as
     * they are written can be followed.
     */
    @PreAuthorize("hasRole('REPORT')")
    public Optional<Following> follow(String id) {
        var caller = CurrentPrincipal.require();
        var job = live(visible(caller, id, "id"));
        if (job.status().finished()) {
            return Optional.empty();
        }
        var format = job.request().format();
        if (!format.followable) {
            throw new ConflictException("follow", "Only CSV exports can be followed while they run: a " + format
                    + " file can be read only once it is whole. This one is still " + job.status()
                    + "; download it without follow once its status is DONE.");
        }
        var account = job.accountId();
        var poll = runner.current(id).isPresent() ? FOLLOW_POLL_LOCAL : FOLLOW_POLL_REMOTE;
        var follower = new ExportFollower(files.partial(job), files.done(job),
                () -> runner.current(id).or(() -> jobs.find(account, id)).orElse(null), poll, staleAfter);
        return Optional.of(new Following(account, ExportFiles.downloadName(job), format.contentType,
                job.request().dataAsOf(), follower));
    }

    private static ExportJob cancelledOrConflict(ExportJob job) {
        if (job.status() == ExportStatus.CANCELLED) {
            return job;
        }
        throw new ConflictException("input.id", "The export already ended " + job.status()
                + "; there is nothing to cancel.");
    }

    private ExportJob visible(RastroPrincipal caller, String id, String field) {
        if (id == null || !ID.matcher(id).matches()) {
            throw notFound(id, field);
        }
        return jobs.find(caller.accountId(), id).filter(j -> j.visibleTo(caller))
                .orElseThrow(() -> notFound(id, field));
    }

    private ExportJob live(ExportJob stored) {
        return runner.current(stored.id()).orElse(stored);
    }

    private static NotFoundException notFound(String id, String field) {
        var shown = id == null ? "" : id.length() > 40 ? id.substring(0, 40) + "…" : id;
        return new NotFoundException(field, "No export job with id '" + shown + "' is visible to you.");
    }

    /**
     * The requested columns in order, or the direction's defaults (for a PDF, the columns people read a message
     * by); each at most once.
     */
    static List<ExportColumn> columns(List<ExportColumn> requested, io.rastro.report.ReportFilter filter,
                                      ExportFormat format) {
        if (requested == null) {
            return format == ExportFormat.PDF ? ExportColumn.readableDefaults(filter.direction())
                    : ExportColumn.defaults(filter.direction());
        }
        if (requested.isEmpty()) {
            throw new BadRequestException("input.columns",
                    "Give at least one column, or leave columns out for the direction's default set.");
        }
        var seen = EnumSet.noneOf(ExportColumn.class);
        for (var column : requested) {
            if (column == null) {
                throw new BadRequestException("input.columns", "Columns cannot be null.");
            }
            if (!seen.add(column)) {
                throw new BadRequestException("input.columns", "Column " + column + " is listed twice; list each "
                        + "column once, in the order the file should have them.");
            }
        }
        return List.copyOf(requested);
    }

    private static String newId() {
        var bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "exp_" + HexFormat.of().formatHex(bytes);
    }
}
