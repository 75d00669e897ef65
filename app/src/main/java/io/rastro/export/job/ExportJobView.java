package io.rastro.export.job;

import io.rastro.export.ExportColumn;
import io.rastro.export.ExportFormat;
import io.rastro.export.ExportLocale;
import io.rastro.export.xlsx.XlsxExportWriter;
import io.rastro.report.Enums.MessageSort;
import io.rastro.report.ReportResults.Period;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An export job as the GraphQL contract shows it ({@code ExportJob}); owners' account ids stay inside.
 *
 * @param sheets XLSX only: the sheets the workbook holds (or will), from the rows it holds; null otherwise
 */
public record ExportJobView(String id, ExportFormat format, ExportStatus status, String owner, Period period,
                            String timeZone, ExportLocale locale, MessageSort sort, List<ExportColumn> columns,
                            OffsetDateTime cutoff, OffsetDateTime dataAsOf, Long matchedRows, Long totalRows, long rowsWritten, long bytes,
                            boolean truncated, String truncationMessage, String failure, OffsetDateTime createdAt,
                            OffsetDateTime startedAt, OffsetDateTime finishedAt, OffsetDateTime expiresAt,
                            String fileName, String downloadUrl, Integer sheets) {

    public static ExportJobView of(ExportJob job) {
        var asked = job.request();
        var at = job.state();
        return new ExportJobView(job.id(), asked.format(), job.status(), asked.owner(),
                new Period(time(asked.periodFrom()), time(asked.periodTo())), asked.timeZone(), asked.locale(),
                asked.sort(), asked.columns(), time(asked.cutoff()), time(asked.dataAsOf()), at.matchedRows(),
                at.totalRows(), at.rowsWritten(), at.bytes(), at.truncated(), at.truncationMessage(), at.failure(),
                time(asked.createdAt()), time(at.startedAt()), time(at.finishedAt()), time(at.expiresAt()),
                ExportFiles.downloadName(job), job.status() == ExportStatus.DONE ? downloadUrl(job.id()) : null,
                asked.format() == ExportFormat.XLSX && at.totalRows() != null
                        ? XlsxExportWriter.sheets(at.totalRows()) : null);
    }

    /** Relative to the service's base URL; authenticated like the API. */
    public static String downloadUrl(String id) {
        return "/api/v1/exports/" + id + "/file";
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The result of startExport. */
    public record StartExportPayload(ExportJobView job) {
    }

    /** The result of cancelExport. */
    public record CancelExportPayload(ExportJobView job) {
    }
}
