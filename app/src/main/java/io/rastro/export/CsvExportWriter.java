package io.rastro.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * CSV (RFC 4180, UTF-8, CRLF): a header row of human column names, then one line per row as it arrives from
 * the engine. Values are read straight off the reader by position; no row object is built and nothing is kept.
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
        var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        if (context.csvBom()) {
            writer.write(BOM);
        }
        var columns = context.columns();
        var kinds = columns.stream().map(c -> c.kind).toArray(ExportColumn.Kind[]::new);
        var clock = new ZonedClock(context.zone());
        var progress = context.progress();
        var printer = new CSVPrinter(writer, FORMAT);
        for (var column : columns) {
            printer.print(column.header(context.locale()));
        }
        printer.println();
        try {
            context.streamRows(row -> {
                progress.row();
                try {
                    for (int i = 0; i < kinds.length; i++) {
                        Object value = row.readValue(i + 1);
                        printer.print(value == null ? null : switch (kinds[i]) {
                            case TEXT -> CellText.neutralise((String) value);
                            case INSTANT -> clock.iso(((Number) value).longValue());
                            case NUMBER, BOOL -> value.toString();
                        });
                    }
                    printer.println();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
        return progress.rows();
    }
}
