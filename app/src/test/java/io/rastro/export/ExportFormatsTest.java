package io.rastro.export;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.export.pdf.PdfExportWriter;
import io.rastro.export.xlsx.XlsxExportWriter;
import io.rastro.export.xlsx.XlsxSharedStrings;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.rastro.export.ExportTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/** XLSX opened with POI, PDF read back with a text extractor, Parquet loaded back into the engine. */
@IntegrationTest
class ExportFormatsTest {

    /** The snapshot of the writer-level tests, which have no job. */
    static final ExportContext.Snapshot SNAPSHOT = new ExportContext.Snapshot(Instant.parse("2026-03-01T12:00:00Z"),
            Instant.parse("2026-03-01T11:58:30Z"));

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @TempDir
    Path dir;

    @Test
    void xlsxHasAFrozenBoldHeaderRealDatesInTheZoneAndTheReportsRows() throws Exception {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var zone = ZoneId.of("America/Sao_Paulo");
        var filter = Map.<String, Object>of("period", lastDays(14), "subaccounts", List.of("acme-support"));
        var job = exportDone(ana, input("filter", filter, "format", "XLSX", "timeZone", zone.getId(), "locale", "ES"));
        var report = ExportCsvTest.reportRows(ana, filter);
        var file = downloadTo(port, Clients.basic(DemoIdentities.ANA), job, dir);
        assertThat(file.getFileName().toString()).endsWith(".xlsx");
        assertThat(job.get("sheets")).isEqualTo(1);
        try (var workbook = new XSSFWorkbook(file.toFile())) {
            // the document's properties say what it is and which data it holds, without reading a row
            var properties = workbook.getProperties();
            assertThat(properties.getCoreProperties().getTitle()).isEqualTo("Informe de mensajes — Acme Corp");
            assertThat(properties.getCoreProperties().getDescription()).startsWith("Datos al ");
            assertThat(Instant.parse(properties.getCustomProperties().getProperty(ExportContext.Snapshot.DATA_AS_OF)
                    .getLpwstr())).isEqualTo(instant(job, "dataAsOf"));
            assertThat(Instant.parse(properties.getCustomProperties().getProperty(ExportContext.Snapshot.CUTOFF)
                    .getLpwstr())).isEqualTo(instant(job, "cutoff"));
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 1);
            var header = sheet.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("ID del mensaje");
            assertThat(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(sheet.getLastRowNum()).isEqualTo(report.size());
            // the header filters every row of the sheet, across every column
            var last = org.apache.poi.ss.util.CellReference.convertNumToColString(
                    ExportColumn.defaults(null).size() - 1);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:" + last + (report.size() + 1));
            for (int i = 0; i < report.size(); i++) {
                var row = sheet.getRow(i + 1);
                var node = report.get(i);
                assertThat(row.getCell(ExportColumn.MESSAGE_ID.ordinal()).getStringCellValue()).isEqualTo(node.get("id"));
                var at = row.getCell(ExportColumn.AT.ordinal());
                assertThat(at.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(DateUtil.isCellDateFormatted(at)).isTrue();
                var expected = LocalDateTime.ofInstant(Instant.parse((String) node.get("at")), zone);
                assertThat(ChronoUnit.MILLIS.between(expected, at.getLocalDateTimeCellValue())).isBetween(-1L, 1L);
                assertThat(row.getCell(ExportColumn.STATUS.ordinal()).getStringCellValue()).isEqualTo(node.get("status"));
            }
        }
    }

    @Test
    void xlsxNeutralisesFormulasCapsLongCellsAndKeepsNumbersNumeric() throws Exception {
        ensureBulkTenant(store);
        var ops = Clients.as(port, BULK_ADMIN);
        var job = exportDone(ops, input("filter", Map.of("period", lastDays(5), "subaccounts", List.of(EDGE_SUBACCOUNT)),
                "format", "XLSX", "sort", "OLDEST_FIRST", "columns", List.of("TEXT", "ERROR_CODE", "SENT_WITH_SESSION")));
        try (var workbook = new XSSFWorkbook(downloadTo(port, Clients.basic(BULK_ADMIN), job, dir).toFile())) {
            var sheet = workbook.getSheetAt(0);
            var texts = new ArrayList<String>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                var row = sheet.getRow(i);
                texts.add(row.getCell(0).getStringCellValue());
                assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(131026d);
                assertThat(row.getCell(2).getBooleanCellValue()).isTrue();
                assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            }
            assertThat(texts.subList(0, 7)).containsExactly("'" + FORMULA, "'" + PLUS, "'" + MINUS, "'" + AT, "'" + TAB,
                    "'" + CR, QUOTED);
            assertThat(texts.get(7)).hasSize(CellText.XLSX_MAX_CHARS).endsWith(CellText.TRUNCATED).startsWith("xxxx");
        }
    }

    @Test
    void xlsxStartsANewSheetWhenOneIsFull() throws Exception {
        var out = new ByteArrayOutputStream();
        var sql = Sql.of("SELECT concat('m', toString(number)) AS c1 FROM numbers(2500) ORDER BY number");
        var context = new ExportContext(store, sql, List.of(sql), List.of(ExportColumn.MESSAGE_ID), ExportLocale.EN, ZoneId.of("UTC"), false,
                null, Progress.none(), ExportFormatsTest.SNAPSHOT);
        assertThat(new XlsxExportWriter(1000).write(context, out)).isEqualTo(2500);
        // what the job says from its row count, at Excel's own sheet size
        assertThat(XlsxExportWriter.sheets(0)).isEqualTo(1);
        assertThat(XlsxExportWriter.sheets(1_048_575)).isEqualTo(1);
        assertThat(XlsxExportWriter.sheets(1_048_576)).isEqualTo(2);
        assertThat(XlsxExportWriter.sheets(10_000_000)).isEqualTo(10);
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(workbook.getSheetName(1)).isEqualTo("Messages 2");
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(1000);
            assertThat(workbook.getSheetAt(2).getLastRowNum()).isEqualTo(500);
            assertThat(workbook.getSheetAt(0).getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:A1001");
            assertThat(workbook.getSheetAt(2).getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:A501");
            assertThat(workbook.getSheetAt(1).getRow(0).getCell(0).getStringCellValue()).isEqualTo("Message ID");
            assertThat(workbook.getSheetAt(1).getRow(1).getCell(0).getStringCellValue()).isEqualTo("m1000");
            assertThat(workbook.getSheetAt(2).getRow(500).getCell(0).getStringCellValue()).isEqualTo("m2499");
        }
    }

    /**
     * Statuses and campaigns go to the shared-string table once each, for the whole workbook (three sheets here); ids
     * stay inline; every cell reads back.
     */
    @Test
    void xlsxSharesTheColumnsWhoseValuesRepeat() throws Exception {
        var campaigns = List.of("Black Friday", " leading space", "a<b & c", "emoji 😀", "");
        var out = new ByteArrayOutputStream();
        var sql = Sql.of("""
                SELECT ['READ', 'DELIVERED', 'SENT', 'FAILED'][number % 4 + 1] AS c1, concat('m', toString(number)) AS c2,
                       {campaigns:Array(String)}[number % 5 + 1] AS c3
                FROM numbers(3000) ORDER BY number""").bind("campaigns", campaigns);
        var context = new ExportContext(store, sql, List.of(sql),
                List.of(ExportColumn.STATUS, ExportColumn.MESSAGE_ID, ExportColumn.CAMPAIGN_NAME), ExportLocale.EN,
                ZoneId.of("UTC"), false, null, Progress.none(), ExportFormatsTest.SNAPSHOT);
        assertThat(new XlsxExportWriter(1000).write(context, out)).isEqualTo(3000);
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            for (int n = 0; n < 3000; n++) {
                var row = workbook.getSheetAt(n / 1000).getRow(n % 1000 + 1);
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo(List.of("READ", "DELIVERED", "SENT", "FAILED").get(n % 4));
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo("m" + n);
                assertThat(row.getCell(2).getStringCellValue()).isEqualTo(campaigns.get(n % 5));
            }
            assertThat(workbook.getSharedStringSource().getUniqueCount()).isEqualTo(4 + 5);
        }
        try (var zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            var sheets = 0;
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().startsWith("xl/worksheets/sheet")) {
                    var sheet = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    assertThat(sheet).contains("<t>m" + (++sheets * 1000 - 1) + "</t>").doesNotContain("<t>READ</t>");
                }
            }
            assertThat(sheets).isEqualTo(3);
        }
    }

    /** The table stops growing at its bounds; what it holds is still shared, the rest goes inline. */
    @Test
    void theSharedStringTableIsBounded() {
        var strings = new XlsxSharedStrings();
        assertThat(strings.index("x".repeat(XlsxSharedStrings.MAX_VALUE_CHARS + 1))).isEqualTo(-1);
        for (int i = 0; i < XlsxSharedStrings.MAX_ENTRIES; i++) {
            assertThat(strings.index("v" + i)).isEqualTo(i);
        }
        assertThat(strings.index("one more")).isEqualTo(-1);
        assertThat(strings.index("v7")).isEqualTo(7);
        assertThat(strings.size()).isEqualTo(XlsxSharedStrings.MAX_ENTRIES);
    }

    /** The sheet XML is written by hand: markup, line breaks, edge spaces, emoji and control characters. */
    @Test
    void xlsxKeepsAwkwardTextAsItIs() throws Exception {
        var texts = List.of("a<b&c>d \"q\" 'x'", " leading space", "trailing space ", "two\nlines", "carriage\rreturn",
                "tab\there", "emoji 😀 and ção", "bell\u0007char");
        var out = new ByteArrayOutputStream();
        var sql = Sql.of("SELECT arrayJoin({t:Array(String)}) AS c1").bind("t", texts);
        var context = new ExportContext(store, sql, List.of(sql), List.of(ExportColumn.TEXT), ExportLocale.EN,
                ZoneId.of("UTC"), false, null, Progress.none(), ExportFormatsTest.SNAPSHOT);
        assertThat(new XlsxExportWriter().write(context, out)).isEqualTo(texts.size());
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = workbook.getSheetAt(0);
            var read = new ArrayList<String>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                read.add(sheet.getRow(i).getCell(0).getStringCellValue());
            }
            // XML 1.0 cannot hold U+0007 at all: it becomes '?', as POI's own writer does
            assertThat(read).containsExactly(texts.subList(0, 7).toArray(String[]::new)[0], texts.get(1), texts.get(2),
                    texts.get(3), texts.get(4), texts.get(5), texts.get(6), "bell?char");
        }
    }

    /**
     * Asked for every text column, a PDF shows those that fit the page at their widths and names the others,
     * instead of squeezing them; a long text takes three lines, so all three rows share the first page.
     */
    @Test
    void pdfLeavesOutColumnsThatDoNotFitAndSaysSo() throws Exception {
        var columns = java.util.Arrays.stream(ExportColumn.values()).filter(c -> c.kind == ExportColumn.Kind.TEXT).toList();
        var select = new StringBuilder("SELECT ");
        for (int i = 1; i <= columns.size(); i++) {
            select.append(i == 1 ? "" : ", ").append("t AS c").append(i);
        }
        var sql = Sql.of(select + " FROM (SELECT number, concat('row', toString(number), ' ', repeat('word ', 60)) AS t"
                + " FROM numbers(3)) ORDER BY number");
        var heading = new ExportContext.Heading("Acme Corp", "a period", "UTC", "", 3, "now", "now", List.of(), null,
                null);
        var context = new ExportContext(store, sql, List.of(sql), columns, ExportLocale.EN, ZoneId.of("UTC"), false,
                heading, Progress.none(), ExportFormatsTest.SNAPSHOT);
        var out = new ByteArrayOutputStream();
        assertThat(new PdfExportWriter().write(context, out)).isEqualTo(3);
        var file = dir.resolve("wide.pdf");
        Files.write(file, out.toByteArray());
        var pages = pdfPages(file);
        assertThat(pages).hasSize(1);
        var page = pages.getFirst();
        assertThat(page).contains("Message ID").contains("row0").contains("row1").contains("row2");
        // the last text columns cannot fit beside the others: named, in order, and not drawn
        var leftOut = java.util.regex.Pattern.compile("(\\d+) of the requested columns do not fit on the page and are "
                + "left out: (.*?)\\. Export to CSV or XLSX").matcher(page);
        assertThat(leftOut.find()).as(page).isTrue();
        var named = List.of(leftOut.group(2).split(", "));
        assertThat(named).hasSize(Integer.parseInt(leftOut.group(1))).isNotEmpty()
                .isEqualTo(columns.subList(columns.size() - named.size(), columns.size()).stream()
                        .map(c -> c.header(ExportLocale.EN)).toList());
        assertThat(page).contains(columns.get(columns.size() - named.size() - 1).header(ExportLocale.EN));
    }

    @Test
    void pdfHasTitleFiltersPagedTableAndAllRowsInOrder() throws Exception {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var filter = Map.<String, Object>of("period", lastDays(3), "subaccounts", List.of("acme-support"),
                "direction", "MT");
        var job = exportDone(ana, input("filter", filter, "format", "PDF", "timeZone", "America/Sao_Paulo",
                "columns", List.of("MESSAGE_ID", "AT", "STATUS", "SUBACCOUNT_NAME", "TEXT")));
        assertThat(job.get("truncated")).isEqualTo(false);
        assertThat(job.get("sheets")).as("XLSX only").isNull();
        var report = ExportCsvTest.reportRows(ana, filter);
        var pages = pdfPages(downloadTo(port, Clients.basic(DemoIdentities.ANA), job, dir));
        assertThat(pages.size()).isGreaterThan(1);
        var first = pages.getFirst();
        assertThat(first).contains("Message report — Acme Corp").contains("Period:").contains("America/Sao_Paulo")
                .contains("Filters: direction Sent (MT); subaccounts Support (acme-support)").contains("Generated:");
        for (int p = 0; p < pages.size(); p++) {
            assertThat(pages.get(p)).as("header on page %d", p + 1).contains("Message ID").contains("Sent at");
        }
        var all = String.join("\n", pages);
        var position = -1;
        for (var node : report) {
            // an id is shortened in the middle to fit its column; its end tells the rows apart
            var id = (String) node.get("id");
            var next = all.indexOf("…" + id.substring(id.length() - 6), position + 1);
            assertThat(next).as("row %s in order", node.get("id")).isGreaterThan(position);
            position = next;
        }
        assertThat(((Number) job.get("rowsWritten")).intValue()).isEqualTo(report.size());
        var last = pages.getLast();
        assertThat(last).contains("Page " + pages.size() + " of " + pages.size());
    }

    @Test
    void pdfOverTheRowCapSaysSoInTheDocumentAndTheJob() throws Exception {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var job = exportDone(ana, input("filter", Map.of("period", lastDays(90)), "format", "PDF", "locale", "PT",
                "columns", List.of("MESSAGE_ID", "STATUS")));
        var matched = ((Number) job.get("matchedRows")).longValue();
        assertThat(matched).isGreaterThan(10_000);
        assertThat(job.get("truncated")).isEqualTo(true);
        assertThat(((Number) job.get("totalRows")).longValue()).isEqualTo(10_000);
        assertThat(((Number) job.get("rowsWritten")).longValue()).isEqualTo(10_000);
        assertThat((String) job.get("truncationMessage")).contains("a PDF holds at most 10,000")
                .contains(String.format(java.util.Locale.ROOT, "%,d", matched));
        var file = downloadTo(port, Clients.basic(DemoIdentities.ANA), job, dir);
        var reader = new PdfReader(Files.readAllBytes(file));
        var page = reader.getPageSizeWithRotation(1);
        assertThat(page.getWidth()).as("landscape").isGreaterThan(page.getHeight());
        reader.close();
        var pages = pdfPages(file);
        assertThat(pages.getFirst()).contains("Relatório de mensagens — Acme Corp").contains("Fuso horário: UTC")
                .contains("Este PDF contém as primeiras 10.000 de").contains("Filtros: nenhum")
                .contains("ID da mensagem");
        assertThat(pages.getLast()).contains("Página " + pages.size() + " de " + pages.size());
    }

    @Test
    void parquetLoadsBackIntoTheEngineWithTheReportsRows() throws Exception {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var filter = Map.<String, Object>of("period", lastDays(14), "subaccounts", List.of("acme-support"));
        var job = exportDone(ana, input("filter", filter, "format", "PARQUET", "locale", "ES"));
        var file = downloadTo(port, Clients.basic(DemoIdentities.ANA), job, dir);
        var table = "rastro.export_check_" + Long.toHexString(System.nanoTime());
        var columns = new ArrayList<String>();
        for (var c : ExportColumn.values()) {
            var type = switch (c.kind) {
                case TEXT -> "String";
                case INSTANT -> "Nullable(DateTime64(3, 'UTC'))";
                case NUMBER -> "Nullable(UInt32)";
                case BOOL -> "Nullable(Bool)";
            };
            columns.add("`" + c.key() + "` " + type);
        }
        store.execute(Sql.of("CREATE TABLE " + table + " (" + String.join(", ", columns) + ") ENGINE = Memory"));
        try (var in = Files.newInputStream(file)) {
            var keys = java.util.Arrays.stream(ExportColumn.values()).map(c -> "`" + c.key() + "`").toList();
            store.insert("INSERT INTO " + table + " (" + String.join(", ", keys) + ")", "Parquet", in);
            var fromFile = store.query(Sql.of("SELECT message_id, toString(at) AS at, status, subaccount_name, "
                    + "toString(error_code) AS error_code, toString(delivered_at) AS delivered_at, text FROM " + table)
                    .setting("max_threads", 1), ExportFormatsTest::line);
            var period = (Map<?, ?>) filter.get("period");
            var expected = store.query(Sql.of("""
                    SELECT message_id, toString(event_time) AS at, status, 'Support' AS subaccount_name,
                           toString(nullIf(error_code, 0)) AS error_code, toString(delivered_at) AS delivered_at, text
                    FROM rastro.messages FINAL
                    WHERE account_id = 'acme' AND subaccount_id = 'acme-support'
                      AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')}
                      AND ingested_at <= {cutoff:DateTime64(3, 'UTC')}
                    ORDER BY event_time DESC, message_id DESC""")
                    .bind("f", Instant.parse((String) period.get("from"))).bind("t", Instant.parse((String) period.get("to")))
                    .bind("cutoff", Instant.parse((String) job.get("cutoff"))), ExportFormatsTest::line);
            assertThat(fromFile).hasSize(((Number) job.get("totalRows")).intValue()).isEqualTo(expected);
            assertThat(((Number) job.get("rowsWritten")).intValue()).isEqualTo(expected.size());
            // the footer, amended after the engine wrote the file (the load above read it), says which data it holds
            var metadata = parquetKeyValues(file);
            assertThat(Instant.parse(metadata.get(ExportContext.Snapshot.DATA_AS_OF))).isEqualTo(instant(job, "dataAsOf"));
            assertThat(Instant.parse(metadata.get(ExportContext.Snapshot.CUTOFF))).isEqualTo(instant(job, "cutoff"));
        } finally {
            store.execute(Sql.of("DROP TABLE IF EXISTS " + table));
        }
    }

    private static Instant instant(Map<String, Object> job, String field) {
        return java.time.OffsetDateTime.parse((String) job.get(field)).toInstant();
    }

    /** The file-level key-value metadata of a Parquet file, read from its footer. */
    static Map<String, String> parquetKeyValues(Path file) throws IOException {
        var bytes = Files.readAllBytes(file);
        var length = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(new String(bytes, bytes.length - 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        var metadata = org.apache.parquet.format.Util.readFileMetaData(
                new ByteArrayInputStream(bytes, bytes.length - 8 - length, length));
        var out = new java.util.LinkedHashMap<String, String>();
        for (var kv : metadata.getKey_value_metadata() == null ? List.<org.apache.parquet.format.KeyValue>of()
                : metadata.getKey_value_metadata()) {
            out.put(kv.getKey(), kv.getValue());
        }
        return out;
    }

    private static String line(com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader row) {
        var cells = new ArrayList<String>();
        for (int i = 1; i <= row.getSchema().getColumns().size(); i++) {
            cells.add(String.valueOf((Object) row.readValue(i)));
        }
        return String.join("|", cells);
    }

    static List<String> pdfPages(Path file) throws Exception {
        var reader = new PdfReader(Files.readAllBytes(file));
        try {
            var extractor = new PdfTextExtractor(reader);
            var pages = new ArrayList<String>();
            for (int p = 1; p <= reader.getNumberOfPages(); p++) {
                // the extractor breaks lines where text objects end; one space per gap keeps assertions readable
                pages.add(extractor.getTextFromPage(p).replaceAll("\\s+", " "));
            }
            return pages;
        } finally {
            reader.close();
        }
    }
}
