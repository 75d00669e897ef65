package io.rastro.export.job;

import io.rastro.export.ExportColumn;
import io.rastro.export.csv.CsvExportWriter;
import io.rastro.export.csv.IsoInstantSql;
import io.rastro.report.Enums.MessageSort;
import io.rastro.report.ReportFilter;
import io.rastro.report.ReportQueries;
import io.rastro.security.TenantScope;
import io.rastro.store.Sql;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The statements of an export, built on the report's own row query ({@link ReportQueries#rows}) so an export
 * holds exactly the report's rows in the report's order. Both the count and the rows carry the snapshot
 * condition, so the file agrees with the count the job reports even while messages keep arriving. Pure: no
 * engine, no principal, only code-built text and bound values.
 */
@Component
public class ExportQueries {

    /** Rows first ingested after the job's cutoff are not part of it (status updates keep ingested_at). */
    static final String CUTOFF = "ingested_at <= {cutoff:DateTime64(3, 'UTC')}";
    static final int BLOCK_ROWS = 8192;
    static final int PARQUET_ROW_GROUP_ROWS = 100_000;
    static final int PARQUET_ROW_GROUP_BYTES = 16 << 20;

    private final ReportQueries reports;

    public ExportQueries(ReportQueries reports) {
        this.reports = reports;
    }

    /**
     * How many rows each UTC day holds, at the cutoff: the total the job reports, and what {@link ExportSlices}
     * cuts the export into.
     */
    public Sql dayCounts(ReportFilter filter, TenantScope scope, Instant cutoff) {
        return reports.dayCounts(filter, scope, CUTOFF).bind("cutoff", cutoff);
    }

    /** How many rows each status holds, at the cutoff: the PDF's counts by status. */
    public Sql statusCounts(ReportFilter filter, TenantScope scope, Instant cutoff) {
        return reports.statusCounts(filter, scope, CUTOFF).bind("cutoff", cutoff);
    }

    /**
     * A part of an export's period, in report order.
     *
     * @param from  inclusive
     * @param to    exclusive
     * @param limit the most rows this part contributes (the PDF cap's remainder); null for all
     */
    public record Slice(Instant from, Instant to, Long limit) {
    }

    /** What the columns of an export statement hold. */
    public enum Cells {
        /** Named c1..cN, instants as epoch milliseconds: for the Java writers, which format them. */
        VALUES,
        /** Named by their stable keys and typed as stored: for Parquet, which the engine writes. */
        PARQUET,
        /** Named c1..cN, each already the text of its CSV cell ({@link CsvExportWriter#cellExpression}). */
        CSV
    }

    /** The rows of one slice of the export (see {@link #rows(ReportFilter, TenantScope, MessageSort, Instant, List, Cells, Long, Map, ZoneId)}). */
    public Sql sliceRows(ReportFilter filter, TenantScope scope, MessageSort sort, Instant cutoff,
                         List<ExportColumn> columns, Cells cells, Slice slice, Map<String, String> subaccountNames,
                         ZoneId zone) {
        return rows(filter, scope, sort, cutoff, columns, cells, slice.limit(), subaccountNames, zone, slice, null);
    }

    /**
     * The rows of one slice as a document for people shows them: {@code errorTitles} (code to title, in the
     * document's language) replace the title Meta sent for those codes in the ERROR_TITLE column.
     */
    public Sql sliceRows(ReportFilter filter, TenantScope scope, MessageSort sort, Instant cutoff,
                         List<ExportColumn> columns, Cells cells, Slice slice, Map<String, String> subaccountNames,
                         ZoneId zone, Map<Integer, String> errorTitles) {
        return rows(filter, scope, sort, cutoff, columns, cells, slice.limit(), subaccountNames, zone, slice,
                errorTitles);
    }

    /**
     * The rows, one column per export column in order.
     *
     * @param cells      what the columns hold
     * @param limit      the most rows to return (the PDF cap); null for all
     * @param subaccountNames subaccount id to name, for the SUBACCOUNT_NAME column
     * @param zone       the zone CSV cells show instants in (read only for {@link Cells#CSV})
     */
    public Sql rows(ReportFilter filter, TenantScope scope, MessageSort sort, Instant cutoff,
                    List<ExportColumn> columns, Cells cells, Long limit, Map<String, String> subaccountNames,
                    ZoneId zone) {
        return rows(filter, scope, sort, cutoff, columns, cells, limit, subaccountNames, zone, null, null);
    }

    private Sql rows(ReportFilter filter, TenantScope scope, MessageSort sort, Instant cutoff, List<ExportColumn> columns,
                     Cells cells, Long limit, Map<String, String> subaccountNames, ZoneId zone, Slice slice,
                     Map<Integer, String> errorTitles) {
        var rows = slice == null ? reports.rows(filter, scope, sort, CUTOFF).bind("cutoff", cutoff)
                : reports.rows(filter, scope, sort, CUTOFF + " AND event_time >= {slice_from:DateTime64(3, 'UTC')}"
                        + " AND event_time < {slice_to:DateTime64(3, 'UTC')}")
                .bind("cutoff", cutoff).bind("slice_from", slice.from()).bind("slice_to", slice.to());
        var instants = IsoInstantSql.of(zone);
        var select = new StringJoiner(",\n       ", "SELECT ", "\n");
        for (int i = 0; i < columns.size(); i++) {
            var c = columns.get(i);
            // the title of a known code in the document's language, else Meta's; the parameters are not named
            // error_codes: a filter on error codes binds that name for its WHERE
            var translated = errorTitles != null && cells == Cells.VALUES && c == ExportColumn.ERROR_TITLE;
            select.add(translated ? "transform(toUInt32(m.error_code), {title_codes:Array(UInt32)}, "
                    + "{title_texts:Array(String)}, m.error_title) AS c" + (i + 1) : switch (cells) {
                case VALUES -> c.readExpression() + " AS c" + (i + 1);
                case PARQUET -> c.expression + " AS `" + c.key() + "`";
                case CSV -> CsvExportWriter.cellExpression(c, instants) + " AS c" + (i + 1);
            });
        }
        // The outer ORDER BY restates the report's order: a subquery's order is not guaranteed to survive. The
        // engine drops the inner sort as redundant, so the rows are sorted once.
        var order = sort == MessageSort.OLDEST_FIRST ? "m.event_time ASC, m.message_id ASC"
                : "m.event_time DESC, m.message_id DESC";
        var replies = columns.stream().anyMatch(ExportColumn::readsReplies)
                // each MT row's first reply; a reply follows its message, so the period's start bounds the read
                ? "\nLEFT JOIN (SELECT replied_id, min(reply_at) AS first_reply_at, argMin(button_payload, reply_at) AS"
                + " reply_payload, argMin(button_text, reply_at) AS reply_text FROM rastro.message_replies FINAL"
                + " WHERE account_id = {tenant_account:String} AND reply_at >= {period_from:DateTime64(3, 'UTC')}"
                + " GROUP BY replied_id) AS r ON r.replied_id = m.message_id AND m.direction = 'MT'" : "";
        var text = select + "FROM (\n" + rows.text() + "\n) AS m" + replies + "\nORDER BY " + order
                + (limit == null ? "" : "\nLIMIT {row_limit:UInt64}");
        var sql = new Sql(text, rows.params(), rows.settings());
        if (limit != null) {
            sql = sql.bind("row_limit", limit);
        }
        if (errorTitles != null && cells == Cells.VALUES && columns.contains(ExportColumn.ERROR_TITLE)) {
            sql = sql.bind("title_codes", List.copyOf(errorTitles.keySet()))
                    .bind("title_texts", List.copyOf(errorTitles.values()));
        }
        if (columns.contains(ExportColumn.SUBACCOUNT_NAME)) {
            // transform() needs non-empty arrays; an unknown id maps to '' either way.
            var ids = new ArrayList<String>(List.of(""));
            var names = new ArrayList<String>(List.of(""));
            subaccountNames.forEach((id, name) -> {
                ids.add(id);
                names.add(name);
            });
            sql = sql.bind("subaccount_ids", ids).bind("subaccount_names", names);
        }
        // The embedded engine hands results over one output block at a time and the store prefetches a few
        // blocks, so block size bounds the heap an export needs: 8,192 wide rows are a few MB, the default
        // 65,409 are tens of MB each. Parquet is handed over a row group at a time; smaller groups than the
        // default (a million rows) keep those chunks small too, and BI readers handle them just as well.
        sql = sql.setting("max_block_size", BLOCK_ROWS)
                // Every version of a message has the same sort key, so the same event_time and the same daily
                // partition (clickhouse/migrations/001_messages.sql): FINAL may deduplicate partition by
                // partition, which measured ~25% faster here.
                .setting("do_not_merge_across_partitions_select_final", 1);
        if (cells == Cells.CSV) {
            // RFC 4180 line ends, as the header's; and NULL as an empty cell, not \N
            sql = instants.bind(sql)
                    .setting("formatdatetime_f_prints_scale_number_of_digits", 1)
                    .setting("output_format_csv_crlf_end_of_line", 1)
                    .setting("format_csv_null_representation", "''");
        }
        if (cells == Cells.PARQUET) {
            sql = sql.setting("output_format_parquet_string_as_string", 1)
                    .setting("output_format_parquet_row_group_size", PARQUET_ROW_GROUP_ROWS)
                    .setting("output_format_parquet_row_group_size_bytes", PARQUET_ROW_GROUP_BYTES);
        }
        return sql;
    }
}
