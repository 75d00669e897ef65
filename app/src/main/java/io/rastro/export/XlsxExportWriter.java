package io.rastro.export;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;

/**
 * XLSX through POI's streaming workbook: only a window of 100 rows is in memory, the rest goes to a compressed
 * temporary file that POI deletes on {@code dispose()}. Header row bold and frozen, instants as real date cells
 * in the export's zone, a new sheet every 1,048,575 data rows (Excel's limit), text capped at Excel's 32,767
 * characters per cell with a visible marker. Strings are written as strings, never formulas, so POI alone is
 * safe; they are still neutralised like in CSV because people copy cells and re-save sheets as CSV.
 */
@Component
class XlsxExportWriter implements FormatWriter {

    /** Excel's rows per sheet (1,048,576) minus the header. */
    static final int EXCEL_ROWS_PER_SHEET = 1_048_575;
    private static final int WINDOW = 100;

    private final int rowsPerSheet;

    XlsxExportWriter() {
        this(EXCEL_ROWS_PER_SHEET);
    }

    /** A smaller sheet size lets a test see the sheet roll over without writing a million rows. */
    XlsxExportWriter(int rowsPerSheet) {
        this.rowsPerSheet = rowsPerSheet;
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.XLSX;
    }

    @Override
    public long write(ExportContext context, OutputStream out) throws IOException {
        var workbook = new SXSSFWorkbook(null, WINDOW, true, false);
        try {
            var columns = context.columns();
            var kinds = columns.stream().map(c -> c.kind).toArray(ExportColumn.Kind[]::new);
            var headerStyle = workbook.createCellStyle();
            var bold = workbook.createFont();
            bold.setBold(true);
            headerStyle.setFont(bold);
            var dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss.000"));
            // Every cell gets a style: a cell without one makes POI look its column's default style up in the
            // sheet's XML column definitions (which the widths create), and that lookup took two thirds of the
            // CPU of an export. Style 0 is the workbook's default, so the file is the same.
            var plainStyle = workbook.getCellStyleAt(0);
            var clock = new ZonedClock(context.zone());
            var progress = context.progress();
            var state = new Object() {
                SXSSFSheet sheet;
                int rowInSheet;
                int sheets;
            };
            context.streamRows(row -> {
                progress.row();
                if (state.sheet == null || state.rowInSheet == rowsPerSheet) {
                    state.sheet = newSheet(workbook, ++state.sheets, context, headerStyle);
                    state.rowInSheet = 0;
                }
                var r = state.sheet.createRow(++state.rowInSheet);
                for (int i = 0; i < kinds.length; i++) {
                    Object value = row.readValue(i + 1);
                    if (value == null) {
                        continue;
                    }
                    var cell = r.createCell(i);
                    cell.setCellStyle(plainStyle);
                    switch (kinds[i]) {
                        case TEXT -> cell.setCellValue(CellText.capped(CellText.neutralise((String) value),
                                CellText.XLSX_MAX_CHARS));
                        case INSTANT -> {
                            cell.setCellValue(clock.excelSerial(((Number) value).longValue()));
                            cell.setCellStyle(dateStyle);
                        }
                        case NUMBER -> cell.setCellValue(((Number) value).doubleValue());
                        case BOOL -> cell.setCellValue((Boolean) value);
                    }
                }
            });
            if (state.sheet == null) {
                newSheet(workbook, 1, context, headerStyle);
            }
            workbook.write(out);
            out.flush();
            return progress.rows();
        } finally {
            workbook.close();
            workbook.dispose();
        }
    }

    private static SXSSFSheet newSheet(SXSSFWorkbook workbook, int number, ExportContext context,
                                       CellStyle headerStyle) {
        var sheet = workbook.createSheet(number == 1 ? "Messages" : "Messages " + number);
        var header = sheet.createRow(0);
        var columns = context.columns();
        for (int i = 0; i < columns.size(); i++) {
            var cell = header.createCell(i);
            cell.setCellValue(columns.get(i).header(context.locale()));
            cell.setCellStyle(headerStyle);
            sheet.setColumnWidth(i, width(columns.get(i)));
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    /** Column widths in 1/256 of a character: autosizing would need every row in memory. */
    private static int width(ExportColumn column) {
        return switch (column.kind) {
            case INSTANT -> 24 * 256;
            case NUMBER, BOOL -> 12 * 256;
            case TEXT -> Math.min(60, 10 + column.weight * 8) * 256;
        };
    }
}
