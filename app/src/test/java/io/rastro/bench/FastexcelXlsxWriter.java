package io.rastro.bench;

import io.rastro.export.CellText;
import io.rastro.export.ExportColumn;
import io.rastro.export.ExportContext;
import io.rastro.export.ZonedClock;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The XLSX export written with {@code org.dhatim:fastexcel} instead of {@code XlsxExportWriter}, with the features
 * the service's file has: a bold, frozen header with an autofilter, column widths, instants as real date cells in
 * the export's zone, text neutralised and capped as {@link CellText} does, the columns whose values repeat as
 * shared strings and the rest inline, a new sheet every 1,048,575 rows. Rows are flushed to the stream every 10,000,
 * so memory stays flat. A candidate for workload 9-xlsx, not a part of the service.
 */
final class FastexcelXlsxWriter {

    static final int ROWS_PER_SHEET = 1_048_575;
    private static final int FLUSH_EVERY = 10_000;
    private static final String DATE_FORMAT = "yyyy-mm-dd hh:mm:ss.000";
    /** As XlsxExportWriter shares them: few distinct values, each repeated over many rows. */
    private static final Set<ExportColumn> REPEATING = EnumSet.of(ExportColumn.DIRECTION, ExportColumn.SUBACCOUNT_ID,
            ExportColumn.SUBACCOUNT_NAME, ExportColumn.USER, ExportColumn.CAMPAIGN_ID, ExportColumn.CAMPAIGN_NAME,
            ExportColumn.CONTENT_TYPE, ExportColumn.TEMPLATE_NAME, ExportColumn.TEMPLATE_LANGUAGE,
            ExportColumn.CONVERSATION_TYPE, ExportColumn.PRICING_CATEGORY, ExportColumn.STATUS,
            ExportColumn.ERROR_TITLE, ExportColumn.BUTTON_PAYLOAD, ExportColumn.BUTTON_TEXT);

    private FastexcelXlsxWriter() {
    }

    /** Writes the whole workbook to {@code out}; returns the rows written. */
    static long write(ExportContext context, OutputStream out) throws IOException {
        var columns = context.columns();
        var kinds = columns.stream().map(c -> c.kind).toArray(ExportColumn.Kind[]::new);
        var repeating = new boolean[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            repeating[i] = REPEATING.contains(columns.get(i));
        }
        var clock = new ZonedClock(context.zone());
        var workbook = new Workbook(out, "Rastro", "1.0");
        // the own writer deflates at the fastest level; fastexcel's default (6) took 4.5x its time in a first run
        workbook.setCompressionLevel(java.util.zip.Deflater.BEST_SPEED);
        var sheet = new Sheet(workbook, context, 1);
        var state = new Object() {
            Sheet current = sheet;
        };
        try {
            context.streamRows(row -> {
                context.progress().row();
                try {
                    var s = state.current;
                    if (s.rows == ROWS_PER_SHEET) {
                        s.finish();
                        s = state.current = new Sheet(workbook, context, s.number + 1);
                    }
                    var r = ++s.rows;
                    for (int i = 0; i < kinds.length; i++) {
                        Object value = row.readValue(i + 1);
                        if (value == null) {
                            continue;
                        }
                        switch (kinds[i]) {
                            case TEXT -> {
                                var text = CellText.capped(CellText.neutralise((String) value), CellText.XLSX_MAX_CHARS);
                                if (repeating[i]) {
                                    s.sheet.value(r, i, text);
                                } else {
                                    s.sheet.inlineString(r, i, text);
                                }
                            }
                            case INSTANT -> s.sheet.value(r, i, clock.excelSerial(((Number) value).longValue()));
                            case NUMBER -> s.sheet.value(r, i, (Number) value);
                            case BOOL -> s.sheet.value(r, i, (Boolean) value);
                        }
                    }
                    if (r % FLUSH_EVERY == 0) {
                        s.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            state.current.finish();
            workbook.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return context.progress().rows();
    }

    /** One worksheet: its header, and its date cells styled a block at a time, before each flush. */
    private static final class Sheet {

        final Worksheet sheet;
        final int number;
        final ExportContext context;
        int rows;
        /** The first data row not yet styled and flushed. */
        private int pending = 1;

        Sheet(Workbook workbook, ExportContext context, int number) {
            this.number = number;
            this.context = context;
            this.sheet = workbook.newWorksheet(number == 1 ? "Messages" : "Messages " + number);
            var columns = context.columns();
            for (int i = 0; i < columns.size(); i++) {
                var column = columns.get(i);
                sheet.value(0, i, column.header(context.locale()));
                sheet.width(i, switch (column.kind) {
                    case INSTANT -> 24;
                    case NUMBER, BOOL -> 12;
                    case TEXT -> Math.min(60, 10 + column.weight * 8);
                });
            }
            sheet.range(0, 0, 0, columns.size() - 1).style().bold().set();
            sheet.freezePane(0, 1);
        }

        /** Styles the block's date cells (one style for a range, not one per cell) and writes its rows out. */
        void flush() throws IOException {
            if (rows >= pending) {
                var columns = context.columns();
                for (int i = 0; i < columns.size(); i++) {
                    if (columns.get(i).kind == ExportColumn.Kind.INSTANT) {
                        sheet.range(pending, i, rows, i).style().format(DATE_FORMAT).set();
                    }
                }
                pending = rows + 1;
            }
            sheet.flush();
        }

        void finish() throws IOException {
            flush();
            sheet.setAutoFilter(0, 0, rows, context.columns().size() - 1);
            sheet.finish();
        }
    }
}
