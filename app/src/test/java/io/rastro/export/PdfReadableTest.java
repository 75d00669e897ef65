package io.rastro.export;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.rastro.export.ExportTestSupport.downloadTo;
import static io.rastro.export.ExportTestSupport.exportDone;
import static io.rastro.export.ExportTestSupport.input;
import static io.rastro.export.ExportTestSupport.lastDays;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spanish PDF of a week of one subaccount, read back as a person would: the text of its first page holds every
 * header word and every status word whole, the title block in Spanish (period, zone, filters, total, data cutoff,
 * page n of m), the counts by status the report gives, and identifiers shortened in the middle with their end
 * kept. The first page is rendered to {@code target/export-pdf-es.png} (the one in docs/ is such a rendering).
 */
@IntegrationTest
class PdfReadableTest {

    private static final Locale ES = Locale.forLanguageTag("es");
    /** The status words a Spanish reader expects, written here rather than read from the bundles under test. */
    private static final Map<String, String> SPANISH_STATUS = Map.of("ACCEPTED", "Aceptado", "SENT", "Enviado",
            "DELIVERED", "Entregado", "READ", "Leído", "PLAYED", "Reproducido", "FAILED", "Fallido",
            "RECEIVED", "Recibido");
    /** The headers of the default columns for both directions, in Spanish. */
    private static final List<String> SPANISH_HEADERS = List.of("Fecha/hora", "Dirección", "Estado", "Error",
            "Teléfono", "Campaña", "Usuario", "Tipo de contenido", "Texto", "Texto del botón", "ID de conversación");

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @Test
    void aSpanishPdfOfAWeekReadsWell() throws Exception {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var filter = Map.<String, Object>of("period", lastDays(7), "subaccounts", List.of("acme-support"));
        var zone = ZoneId.of("America/Sao_Paulo");
        var job = exportDone(ana, input("filter", filter, "format", "PDF", "locale", "ES", "timeZone", zone.getId()));
        assertThat(job.get("columns")).isEqualTo(ExportColumn.readableDefaults(null).stream().map(Enum::name).toList());
        var file = downloadTo(port, Clients.basic(DemoIdentities.ANA), job, dir);

        var counts = ana.documentName("counts").variable("input", Map.of("filter", filter, "groupBy", List.of("STATUS")))
                .execute();
        var total = counts.path("messageCounts.total").entity(Long.class).get();
        var statuses = counts.path("messageCounts.groups[*].keys[0].value").entityList(String.class).get();
        var statusCounts = counts.path("messageCounts.groups[*].count").entityList(Long.class).get();
        assertThat(total).isGreaterThan(100);
        assertThat(statuses).contains("DELIVERED", "READ", "FAILED", "RECEIVED");
        var report = ExportCsvTest.reportRows(ana, filter);

        try (var pdf = Loader.loadPDF(file.toFile())) {
            // rendered first, so that a failing run leaves the page to look at
            var image = new PDFRenderer(pdf).renderImageWithDPI(0, 110);
            var png = Path.of("target", "export-pdf-es.png");
            Files.createDirectories(png.getParent());
            ImageIO.write(image, "png", png.toFile());
            assertThat(image.getWidth()).isGreaterThan(image.getHeight());
            var box = pdf.getPage(0).getMediaBox();
            assertThat(box.getWidth()).as("A4 landscape").isCloseTo(842f, org.assertj.core.data.Offset.offset(1f));
            assertThat(box.getHeight()).isCloseTo(595f, org.assertj.core.data.Offset.offset(1f));
            var stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            var text = stripper.getText(pdf);
            var flat = text.replaceAll("\\s+", " ");
            var words = new HashSet<>(Arrays.asList(text.split("\\s+")));

            for (var header : SPANISH_HEADERS) {
                for (var word : header.split(" ")) {
                    assertThat(words).as("header word '%s' of '%s', whole", word, header).contains(word);
                }
            }
            for (int i = 0; i < statuses.size(); i++) {
                var word = SPANISH_STATUS.get(statuses.get(i));
                assertThat(words).as("status word %s", word).contains(word);
                assertThat(words).as("count of %s", word).contains(String.format(ES, "%,d", statusCounts.get(i)));
            }
            assertThat(words).doesNotContain("DELIVERED", "FAILED", "subaccounts", "subcuentas:");
            // every default column fits: nothing is left out
            assertThat(flat).doesNotContain("no caben");

            var asOf = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                    .format(Instant.parse((String) job.get("dataAsOf")).atZone(zone));
            assertThat(flat).contains("Informe de mensajes — Acme Corp").contains("Período:")
                    .contains("Zona horaria: America/Sao_Paulo")
                    .contains("Filtros: subcuentas Support (acme-support)")
                    .contains("Total: " + String.format(ES, "%,d", total) + " mensajes")
                    .contains("Datos al: " + asOf)
                    .contains("Mensajes por estado")
                    .contains("Página 1 de " + pdf.getNumberOfPages());
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);

            // identifiers are whole where they fit, else shortened in the middle with their end kept (the
            // conversation ids of the first page's rows); no user is cut
            var conversationIds = report.stream().limit(20).map(r -> (Map<?, ?>) r.get("conversation"))
                    .filter(c -> c != null && c.get("id") != null).map(c -> (String) c.get("id")).toList();
            assertThat(conversationIds).isNotEmpty();
            for (var id : conversationIds.subList(0, Math.min(3, conversationIds.size()))) {
                assertThat(words).as("conversation id %s", id).anyMatch(w -> w.equals(id) || w.contains("…")
                        && w.endsWith(id.substring(id.length() - 6)) && id.startsWith(w.substring(0, w.indexOf('…'))));
            }
            for (var row : report.subList(0, 20)) {
                assertThat(words).contains((String) row.get("user"));
            }
        }
    }

    /**
     * The counts by status are the caller's own: a PDF Carla starts (acme-support only) with no subaccount in
     * its filter counts what her report counts, not the account's, and Bruno's counts Globex's.
     */
    @Test
    void theCountsByStatusStayInTheCallersScope() throws Exception {
        var filter = Map.<String, Object>of("period", lastDays(7));
        var accountTotal = Clients.as(port, DemoIdentities.ANA).documentName("counts")
                .variable("input", Map.of("filter", filter, "groupBy", List.of("STATUS"))).execute()
                .path("messageCounts.total").entity(Long.class).get();
        for (var who : List.of(DemoIdentities.CARLA, DemoIdentities.BRUNO)) {
            var client = Clients.as(port, who);
            var counts = client.documentName("counts").variable("input", Map.of("filter", filter, "groupBy",
                    List.of("STATUS"))).execute();
            var total = counts.path("messageCounts.total").entity(Long.class).get();
            var byStatus = counts.path("messageCounts.groups[*].count").entityList(Long.class).get();
            assertThat(total).isPositive().isNotEqualTo(accountTotal);
            var job = exportDone(client, input("filter", filter, "format", "PDF", "locale", "EN"));
            var file = downloadTo(port, Clients.basic(who), job, dir);
            try (var pdf = Loader.loadPDF(file.toFile())) {
                var stripper = new PDFTextStripper();
                stripper.setEndPage(1);
                var text = stripper.getText(pdf).replaceAll("\\s+", " ");
                assertThat(text).contains(String.format(Locale.ENGLISH, "Total: %,d messages", total));
                var block = text.substring(text.indexOf("Messages by status"));
                for (var count : byStatus) {
                    assertThat(block).contains(" " + String.format(Locale.ENGLISH, "%,d", count) + " ");
                }
            }
        }
    }

    /**
     * A failure's reason reads in the report's language for the common WhatsApp codes, in the PDF only; and
     * naming the titles' codes in the statement leaves a filter on error codes as it was.
     */
    @Test
    void aFailureReadsInTheReportsLanguage() throws Exception {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var filter = Map.<String, Object>of("period", lastDays(30), "direction", "MT", "statuses", List.of("FAILED"),
                "errorCodes", List.of(131026));
        var expected = ana.documentName("messagesTotal").variable("input", Map.of("filter", filter, "first", 1))
                .execute().path("messages.totalCount").entity(Long.class).get();
        assertThat(expected).isPositive();
        var job = exportDone(ana, input("filter", filter, "format", "PDF", "locale", "ES"));
        assertThat(((Number) job.get("totalRows")).longValue()).isEqualTo(expected);
        var file = downloadTo(port, Clients.basic(DemoIdentities.ANA), job, dir);
        try (var pdf = Loader.loadPDF(file.toFile())) {
            var text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(text).contains("Mensaje no entregable").doesNotContain("Message undeliverable")
                    .contains("códigos de error 131026");
        }
        var xlsx = exportDone(ana, input("filter", filter, "format", "XLSX", "locale", "ES"));
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                downloadTo(port, Clients.basic(DemoIdentities.ANA), xlsx, dir).toFile())) {
            var title = workbook.getSheetAt(0).getRow(1).getCell(ExportColumn.ERROR_TITLE.ordinal()
                    - (int) java.util.Arrays.stream(ExportColumn.values()).limit(ExportColumn.ERROR_TITLE.ordinal())
                    .filter(c -> c.direction == io.rastro.domain.Direction.MO).count());
            assertThat(title.getStringCellValue()).as("a file for machines keeps Meta's text").isEqualTo("Message undeliverable");
        }
    }
}
