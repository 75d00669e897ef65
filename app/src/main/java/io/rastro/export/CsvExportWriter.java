package io.rastro.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * CSV (RFC 4180, UTF-8, CRLF): a header row of human column names, written here, then the rows, written by the
 * engine ({@code FORMAT CSV}) slice after slice straight into the file. Each cell is already its final text
 * ({@link ExportColumn#csvExpression}: neutralised text, instants in the export's zone), so the JVM only moves
 * bytes: decoding every cell and formatting it again in Java held an account-month at 100M messages to ~110k
 * rows/s, while the engine writes the same rows several times faster. Nothing is kept: memory stays flat.
 * <p>
 * The engine quotes every text cell and commons-csv quotes only where needed; a CSV reader sees the same values.
 */
@Component
class CsvExportWriter implements FormatWriter {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    private static final char BOM = '\uFEFF';

    @Override
    public ExportFormat format() {
        return ExportFormat.CSV;
    }

    @Override
    public long write(ExportContext context, OutputStream out) throws IOException {
        var header = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (context.csvBom()) {
            header.write(BOM);
        }
        var printer = new CSVPrinter(header, FORMAT);
        for (var column : context.columns()) {
            printer.print(column.header(context.locale()));
        }
        printer.println();
        printer.flush();
        var records = new CsvRecordCounter(out, context.progress());
        for (var slice : context.slices()) {
            context.store().streamFormatted(slice, "CSV", records);
        }
        records.flush();
        return context.progress().rows();
    }
}
