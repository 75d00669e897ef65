package io.rastro.export.csv;

import io.rastro.export.Progress;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record count of CSV as the engine writes it (every text cell quoted), against commons-csv's own count, over
 * cells that hold quotes, line feeds and carriage returns, the bytes handed over in writes of any size: a word of
 * eight bytes may straddle two writes, or hold the record's end.
 */
class CsvRecordCounterTest {

    private static final String[] PIECES = {"a", "ação", "\"", "\"\"", "\n", "\r\n", ",", " ", "x".repeat(9), "🧾", ""};

    @Test
    void countsEveryRecordWhereverTheWritesAreCutAndWhateverTheCellsHold() throws IOException {
        var random = new Random(42);
        for (int round = 0; round < 200; round++) {
            var text = new StringWriter();
            var printer = new CSVPrinter(text, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n")
                    .setQuoteMode(org.apache.commons.csv.QuoteMode.ALL_NON_NULL).get());
            var records = random.nextInt(40);
            for (int r = 0; r < records; r++) {
                for (int c = 0; c < 1 + random.nextInt(6); c++) {
                    var cell = new StringBuilder();
                    for (int p = random.nextInt(6); p > 0; p--) {
                        cell.append(PIECES[random.nextInt(PIECES.length)]);
                    }
                    printer.print(cell);
                }
                printer.println();
            }
            printer.flush();
            var bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            var expected = CSVFormat.RFC4180.parse(new StringReader(text.toString())).getRecords().size();
            assertThat(expected).isEqualTo(records);

            var progress = Progress.none();
            var sink = new ByteArrayOutputStream();
            try (var counter = new CsvRecordCounter(sink, progress)) {
                for (int at = 0; at < bytes.length; ) {
                    var n = Math.min(bytes.length - at, random.nextInt(3) == 0 ? 1 + random.nextInt(3) : random.nextInt(64));
                    if (n == 1 && random.nextBoolean()) {
                        counter.write(bytes[at]);
                    } else {
                        counter.write(bytes, at, n);
                    }
                    at += n;
                }
            }
            assertThat(progress.rows()).as("round %d", round).isEqualTo(records);
            assertThat(sink.toByteArray()).isEqualTo(bytes);
        }
    }
}
