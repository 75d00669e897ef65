package io.rastro.export;


import io.rastro.store.Sql;
import io.rastro.store.Store;

import java.time.ZoneId;
import java.util.List;

/**
 * What a {@link FormatWriter} needs to write one file.
 *
 * @param sql      the statement whose rows go into the file, columns in {@code columns} order (for formats the
 *                 engine writes whole: Parquet)
 * @param slices   the same rows as statements over consecutive slices of the period, in order (for the writers
 *                 that read rows: see {@code ExportSlices})
 * @param heading  the title block of documents people read (PDF)
 * @param progress counts rows and stops a cancelled export
 */
public record ExportContext(Store store, Sql sql, List<Sql> slices, List<ExportColumn> columns, ExportLocale locale, ZoneId zone,
                     boolean csvBom, Heading heading, Progress progress) {

    public ExportContext {
        slices = List.copyOf(slices);
        columns = List.copyOf(columns);
    }

    /** Streams the file's rows, slice after slice, to {@code consumer} (which counts them, through progress). */
    public void streamRows(Store.RowConsumer consumer) {
        for (var slice : slices) {
            store.stream(slice, consumer);
        }
    }

    /**
     * The title block, already in the export's locale and zone.
     *
     * @param truncation why the document holds fewer rows than matched; null when it holds them all
     */
    public record Heading(String title, String accountName, String period, String filters, String generatedAt,
                   String truncation) {
    }
}
