package io.rastro.export;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Map;

import static io.rastro.export.ExportTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A filter that matches nothing still gives a complete, readable file: exports are cut into slices of the days
 * that hold rows, and with no such day there is no slice at all.
 */
@IntegrationTest
class ExportEmptyTest {

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CSV", "XLSX", "PDF", "PARQUET"})
    void anExportOfNoRowsIsDoneWithAHeaderOnlyFile(String format) throws Exception {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var period = period(Instant.parse("2001-03-01T00:00:00Z"), Instant.parse("2001-03-08T00:00:00Z"));
        var job = exportDone(ana, input("filter", Map.of("period", period), "format", format));
        assertThat(((Number) job.get("totalRows")).longValue()).isZero();
        assertThat(((Number) job.get("rowsWritten")).longValue()).isZero();
        var body = download(port, Clients.basic(DemoIdentities.ANA), (String) job.get("downloadUrl")).body();
        switch (format) {
            case "CSV" -> assertThat(ExportCsvTest.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8)))
                    .hasSize(1).first().satisfies(header -> assertThat(header.get(0)).isEqualTo("Message ID"));
            case "XLSX" -> {
                try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
                    assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
                    assertThat(workbook.getSheetAt(0).getLastRowNum()).isZero();
                    assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("Message ID");
                }
            }
            case "PDF" -> {
                var reader = new PdfReader(body);
                try {
                    assertThat(new PdfTextExtractor(reader).getTextFromPage(1)).contains("No messages match this filter.");
                } finally {
                    reader.close();
                }
            }
            default -> assertThat(new String(body, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        }
    }
}
