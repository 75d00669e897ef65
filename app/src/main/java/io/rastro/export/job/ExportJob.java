package io.rastro.export.job;

import io.rastro.export.ExportColumn;
import io.rastro.export.ExportFormat;
import io.rastro.export.ExportLocale;
import io.rastro.report.Enums.MessageSort;

import java.time.Instant;
import java.util.List;

/**
 * One export job as stored: what was asked, by whom, and where it is. Immutable; each state change is a copy
 * written as a new version of the job's row.
 *
 * @param owner        the principal that started it (a user's e-mail or a token id)
 * @param cutoff       the snapshot: only rows first ingested at or before it are exported (and counted)
 * @param matchedRows  rows matching the filter at the cutoff; null until counted
 * @param totalRows    rows the file will hold (matchedRows, or the PDF cap when lower); null until counted
 * @param rowsWritten  rows written so far (updated about once a second while running)
 * @param bytes        bytes written so far; the file's size once done
 * @param truncationMessage why the file holds fewer rows than matched (PDF cap); null when complete
 * @param failure      why it FAILED or was CANCELLED; null otherwise
 */
public record ExportJob(String id, String accountId, String owner, ExportFormat format, ExportStatus status,
                        Instant periodFrom, Instant periodTo, String timeZone, ExportLocale locale, MessageSort sort,
                        List<ExportColumn> columns, Instant cutoff, Long matchedRows, Long totalRows,
                        long rowsWritten, long bytes, boolean truncated, String truncationMessage, String failure,
                        Instant createdAt, Instant startedAt, Instant finishedAt, Instant expiresAt) {

    public ExportJob {
        columns = List.copyOf(columns);
    }

    public ExportJob running(Instant at) {
        return new ExportJob(id, accountId, owner, format, ExportStatus.RUNNING, periodFrom, periodTo, timeZone,
                locale, sort, columns, cutoff, matchedRows, totalRows, rowsWritten, bytes, truncated,
                truncationMessage, failure, createdAt, at, finishedAt, expiresAt);
    }

    public ExportJob counted(long matched, long total, String truncation) {
        return new ExportJob(id, accountId, owner, format, status, periodFrom, periodTo, timeZone, locale, sort,
                columns, cutoff, matched, total, rowsWritten, bytes, truncation != null, truncation, failure,
                createdAt, startedAt, finishedAt, expiresAt);
    }

    public ExportJob progress(long rows, long written) {
        return new ExportJob(id, accountId, owner, format, status, periodFrom, periodTo, timeZone, locale, sort,
                columns, cutoff, matchedRows, totalRows, rows, written, truncated, truncationMessage, failure,
                createdAt, startedAt, finishedAt, expiresAt);
    }

    public ExportJob done(long rows, long size, Instant at, Instant expires) {
        return new ExportJob(id, accountId, owner, format, ExportStatus.DONE, periodFrom, periodTo, timeZone, locale,
                sort, columns, cutoff, matchedRows, totalRows, rows, size, truncated, truncationMessage, null,
                createdAt, startedAt, at, expires);
    }

    /** FAILED or CANCELLED with the reason a person reads; whatever was written is gone. */
    public ExportJob ended(ExportStatus end, String reason, Instant at) {
        return new ExportJob(id, accountId, owner, format, end, periodFrom, periodTo, timeZone, locale, sort,
                columns, cutoff, matchedRows, totalRows, rowsWritten, 0, truncated, truncationMessage, reason,
                createdAt, startedAt, at, null);
    }

    public ExportJob expired() {
        return new ExportJob(id, accountId, owner, format, ExportStatus.EXPIRED, periodFrom, periodTo, timeZone,
                locale, sort, columns, cutoff, matchedRows, totalRows, rowsWritten, bytes, truncated,
                truncationMessage, failure, createdAt, startedAt, finishedAt, expiresAt);
    }

    /** Whether the caller may see, download and cancel this job: its owner, or an admin of its account. */
    public boolean visibleTo(io.rastro.security.RastroPrincipal caller) {
        return accountId.equals(caller.accountId()) && (caller.isAdmin() || owner.equals(caller.name()));
    }
}
