package io.rastro.export.job;

import io.rastro.export.ExportColumn;
import io.rastro.export.ExportFormat;
import io.rastro.export.ExportLocale;
import io.rastro.report.Enums.MessageSort;
import io.rastro.security.RastroPrincipal;

import java.time.Instant;
import java.util.List;

/**
 * One export job as stored: what was asked ({@link Request}, fixed when the job starts) and where it is
 * ({@link State}, which each step replaces). Immutable; each state change is a copy written as a new version of
 * the job's row.
 */
public record ExportJob(Request request, State state) {

    /**
     * What was asked, by whom, and against which snapshot.
     *
     * @param owner    the principal that started it (a user's e-mail or a token id)
     * @param cutoff   the snapshot: only rows first ingested at or before it are exported (and counted)
     * @param dataAsOf up to when the account's data was complete at the cutoff ({@code io.rastro.freshness}); the
     *                 cutoff itself when nothing was ever ingested (then nothing is missing)
     */
    public record Request(String id, String accountId, String owner, ExportFormat format, Instant periodFrom,
                          Instant periodTo, String timeZone, ExportLocale locale, MessageSort sort,
                          List<ExportColumn> columns, Instant cutoff, Instant dataAsOf, Instant createdAt) {

        public Request {
            columns = List.copyOf(columns);
        }
    }

    /**
     * Where the job is.
     *
     * @param matchedRows       rows matching the filter at the cutoff; null until counted
     * @param totalRows         rows the file will hold (matchedRows, or the PDF cap when lower); null until counted
     * @param rowsWritten       rows written so far (updated about once a second while running)
     * @param bytes             bytes written so far; the file's size once done
     * @param truncationMessage why the file holds fewer rows than matched (PDF cap); null when complete
     * @param failure           why it FAILED or was CANCELLED; null otherwise
     */
    public record State(ExportStatus status, Long matchedRows, Long totalRows, long rowsWritten, long bytes,
                        String truncationMessage, String failure, Instant startedAt, Instant finishedAt,
                        Instant expiresAt) {

        /** A job just asked for: nothing counted, nothing written. */
        public static final State QUEUED = new State(ExportStatus.QUEUED, null, null, 0, 0, null, null, null, null,
                null);

        /** Whether the file holds fewer rows than matched. */
        public boolean truncated() {
            return truncationMessage != null;
        }
    }

    public String id() {
        return request.id();
    }

    public String accountId() {
        return request.accountId();
    }

    public ExportStatus status() {
        return state.status();
    }

    public ExportJob running(Instant at) {
        var s = state;
        return with(new State(ExportStatus.RUNNING, s.matchedRows, s.totalRows, s.rowsWritten, s.bytes,
                s.truncationMessage, s.failure, at, s.finishedAt, s.expiresAt));
    }

    public ExportJob counted(long matched, long total, String truncation) {
        var s = state;
        return with(new State(s.status, matched, total, s.rowsWritten, s.bytes, truncation, s.failure, s.startedAt,
                s.finishedAt, s.expiresAt));
    }

    public ExportJob progress(long rows, long written) {
        var s = state;
        return with(new State(s.status, s.matchedRows, s.totalRows, rows, written, s.truncationMessage, s.failure,
                s.startedAt, s.finishedAt, s.expiresAt));
    }

    public ExportJob done(long rows, long size, Instant at, Instant expires) {
        var s = state;
        return with(new State(ExportStatus.DONE, s.matchedRows, s.totalRows, rows, size, s.truncationMessage, null,
                s.startedAt, at, expires));
    }

    /** FAILED or CANCELLED with the reason a person reads; whatever was written is gone. */
    public ExportJob ended(ExportStatus end, String reason, Instant at) {
        var s = state;
        return with(new State(end, s.matchedRows, s.totalRows, s.rowsWritten, 0, s.truncationMessage, reason,
                s.startedAt, at, null));
    }

    public ExportJob expired() {
        var s = state;
        return with(new State(ExportStatus.EXPIRED, s.matchedRows, s.totalRows, s.rowsWritten, s.bytes,
                s.truncationMessage, s.failure, s.startedAt, s.finishedAt, s.expiresAt));
    }

    private ExportJob with(State next) {
        return new ExportJob(request, next);
    }

    /** Whether the caller may see, download and cancel this job: its owner, or an admin of its account. */
    public boolean visibleTo(RastroPrincipal caller) {
        return request.accountId().equals(caller.accountId())
                && (caller.isAdmin() || request.owner().equals(caller.name()));
    }
}
