package io.rastro.export;


import io.rastro.domain.Direction;
import io.rastro.store.Sql;
import io.rastro.store.Store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link FormatWriter} needs to write one file.
 *
 * @param sql      the statement whose rows go into the file, columns in {@code columns} order (for formats the
 *                 engine writes whole: Parquet)
 * @param slices   the same rows as statements over consecutive slices of the period, in order (for the writers
 *                 that read rows: see {@code ExportSlices})
 * @param heading  the title block of documents people read (PDF)
 * @param progress counts rows and stops a cancelled export
 * @param snapshot which data the file holds, for the formats that carry it as metadata (Parquet, XLSX)
 */
public record ExportContext(Store store, Sql sql, List<Sql> slices, List<ExportColumn> columns, ExportLocale locale, ZoneId zone,
                     boolean csvBom, Heading heading, Progress progress, Snapshot snapshot) {

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
     * The title block of a document for people, already in the export's locale and zone.
     *
     * @param period     the period, from and to, as local date-times
     * @param timeZone   the zone's id
     * @param filters    the filter in words (see FilterText); empty for none
     * @param matched    rows matching the filter at the cutoff
     * @param dataAsOf   up to when the data was complete (see {@link Snapshot}), as a local date-time
     * @param byStatus   the matching rows per status, most first
     * @param direction  the filter's direction; null for both
     * @param truncation why the document holds fewer rows than matched; null when it holds them all
     */
    public record Heading(String accountName, String period, String timeZone, String filters, long matched,
                          String dataAsOf, String generatedAt, List<StatusCount> byStatus, Direction direction,
                          String truncation) {

        public Heading {
            byStatus = List.copyOf(byStatus);
        }
    }

    /**
     * Which data the file holds.
     *
     * @param cutoff   rows first ingested after it are not in the file
     * @param dataAsOf every batch acknowledged up to it is in the file (io.rastro.freshness)
     */
    public record Snapshot(Instant cutoff, Instant dataAsOf) {

        /** The metadata key of {@code dataAsOf} in the formats that carry metadata (Parquet, XLSX). */
        public static final String DATA_AS_OF = "rastro.data_as_of";
        /** The metadata key of {@code cutoff}. */
        public static final String CUTOFF = "rastro.cutoff";

        /** Both instants as a file's metadata says them: by key, ISO-8601 in UTC. */
        public Map<String, String> metadata() {
            var entries = new LinkedHashMap<String, String>();
            entries.put(DATA_AS_OF, dataAsOf.toString());
            entries.put(CUTOFF, cutoff.toString());
            return entries;
        }
    }

    /** Rows of one status (as stored: DELIVERED, READ...). */
    public record StatusCount(String status, long count) {
    }
}
