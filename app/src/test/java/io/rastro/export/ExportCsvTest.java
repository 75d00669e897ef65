package io.rastro.export;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.store.Store;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.rastro.export.ExportTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/** CSV exports opened with commons-csv and compared with the report itself, row for row. */
@IntegrationTest
class ExportCsvTest {

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @TempDir
    Path dir;

    @Test
    void csvHoldsTheReportsRowsInOrderWithTheSameValues() throws IOException {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var filter = Map.<String, Object>of("period", lastDays(14), "subaccounts", List.of("acme-support"));
        var zone = ZoneId.of("America/Sao_Paulo");
        var job = exportDone(ana, input("filter", filter, "format", "CSV", "timeZone", zone.getId()));
        var report = reportRows(ana, filter);
        assertThat(report).hasSizeGreaterThan(200);

        assertThat(job.get("owner")).isEqualTo(DemoIdentities.ANA);
        assertThat(((Number) job.get("matchedRows")).longValue()).isEqualTo(report.size());
        assertThat(((Number) job.get("totalRows")).longValue()).isEqualTo(report.size());
        assertThat(((Number) job.get("rowsWritten")).longValue()).isEqualTo(report.size());
        assertThat(job.get("truncated")).isEqualTo(false);
        assertThat(job.get("downloadUrl")).isEqualTo("/api/v1/exports/" + job.get("id") + "/file");
        var firstDay = Instant.parse((String) ((Map<?, ?>) filter.get("period")).get("from")).atZone(zone).toLocalDate();
        var lastDay = Instant.parse((String) ((Map<?, ?>) filter.get("period")).get("to")).minusMillis(1).atZone(zone)
                .toLocalDate();
        assertThat(job.get("fileName")).isEqualTo("rastro-acme-" + firstDay + "_" + lastDay + ".csv");

        var response = download(port, Clients.basic(DemoIdentities.ANA), (String) job.get("downloadUrl"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().getContentType().toString()).startsWith("text/csv");
        assertThat(response.headers().getContentLength()).isEqualTo(((Number) job.get("bytes")).longValue())
                .isEqualTo(response.body().length);
        assertThat(response.headers().getFirst("Content-Disposition"))
                .isEqualTo("attachment; filename=\"" + job.get("fileName") + "\"");
        assertThat(response.body()[0]).as("no BOM unless asked").isEqualTo((byte) 'M');

        var records = parse(response.text());
        var header = records.getFirst();
        assertThat(header.toList()).isEqualTo(ExportColumn.defaults(null).stream().map(c -> c.header(ExportLocale.EN)).toList());
        var rows = records.subList(1, records.size());
        assertThat(rows).hasSize(report.size());
        for (int i = 0; i < rows.size(); i++) {
            var csv = rows.get(i);
            var node = report.get(i);
            var cells = new HashMap<ExportColumn, String>();
            var defaults = ExportColumn.defaults(null);
            for (int k = 0; k < defaults.size(); k++) {
                cells.put(defaults.get(k), csv.get(k));
            }
            var sent = node.get("__typename").equals("SentMessage");
            assertThat(cells.get(ExportColumn.MESSAGE_ID)).isEqualTo(node.get("id"));
            assertThat(cells.get(ExportColumn.DIRECTION)).isEqualTo(node.get("direction"));
            var at = OffsetDateTime.parse(cells.get(ExportColumn.AT));
            assertThat(at.toInstant()).isEqualTo(Instant.parse((String) node.get("at")));
            assertThat(at.getOffset()).isEqualTo(zone.getRules().getOffset(at.toInstant()));
            assertThat(cells.get(ExportColumn.SUBACCOUNT_ID)).isEqualTo("acme-support");
            assertThat(cells.get(ExportColumn.SUBACCOUNT_NAME)).isEqualTo(((Map<?, ?>) node.get("subaccount")).get("name"));
            assertThat(cells.get(ExportColumn.STATUS)).isEqualTo(node.get("status"));
            assertThat(cells.get(ExportColumn.CONTENT_TYPE)).isEqualTo(node.get("contentType"));
            assertThat(cells.get(ExportColumn.CONTACT_PHONE)).isEqualTo(orEmpty(((Map<?, ?>) node.get("contact")).get("phone")));
            assertThat(cells.get(ExportColumn.CORRELATION_ID)).isEqualTo(orEmpty(node.get("correlationId")));
            var text = sent ? ((Map<?, ?>) node.get("content")).get("text") : node.get("text");
            assertThat(cells.get(ExportColumn.TEXT)).isEqualTo(CellText.neutralise((String) text));
            if (sent) {
                assertThat(cells.get(ExportColumn.SENT_WITH_SESSION)).isEqualTo(String.valueOf(node.get("sentWithSession")));
                assertThat(instantOrNull(cells.get(ExportColumn.DELIVERED_AT))).isEqualTo(instantOrNull((String) node.get("deliveredAt")));
                assertThat(instantOrNull(cells.get(ExportColumn.READ_AT))).isEqualTo(instantOrNull((String) node.get("readAt")));
                var error = (Map<?, ?>) node.get("error");
                assertThat(cells.get(ExportColumn.ERROR_CODE)).isEqualTo(error == null ? "" : String.valueOf(error.get("code")));
                assertThat(cells.get(ExportColumn.BUTTON_PAYLOAD)).isEmpty();
            } else {
                assertThat(cells.get(ExportColumn.SENT_WITH_SESSION)).as("MT-only column on an MO row").isEmpty();
                assertThat(cells.get(ExportColumn.ERROR_CODE)).isEmpty();
                var button = (Map<?, ?>) node.get("button");
                assertThat(cells.get(ExportColumn.BUTTON_PAYLOAD)).isEqualTo(button == null ? "" : button.get("payload"));
                assertThat(cells.get(ExportColumn.IN_REPLY_TO_ID)).isEqualTo(orEmpty(node.get("inReplyToId")));
            }
        }
    }

    @Test
    void columnsComeInTheOrderAskedAndDefaultToTheDirectionsSet() throws IOException {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var mo = exportDone(ana, input("filter", Map.of("period", lastDays(3), "direction", "MO"), "format", "CSV"));
        @SuppressWarnings("unchecked")
        var moColumns = (List<String>) mo.get("columns");
        assertThat(moColumns).isEqualTo(ExportColumn.defaults(io.rastro.domain.Direction.MO)
                .stream().map(Enum::name).toList()).contains("BUTTON_PAYLOAD").doesNotContain("ERROR_CODE");
        var picked = exportDone(ana, input("filter", Map.of("period", lastDays(3), "direction", "MT"), "format", "CSV",
                "columns", List.of("STATUS", "MESSAGE_ID", "AT")));
        var records = parse(download(port, Clients.basic(DemoIdentities.ANA), (String) picked.get("downloadUrl")).text());
        assertThat(records.getFirst().toList()).containsExactly("Status", "Message ID", "Date/time");
        assertThat(records.get(1).toList()).hasSize(3);
        assertThat(records.get(1).get(2)).endsWith("Z"); // UTC by default
        assertThat(records).hasSize(1 + ((Number) picked.get("totalRows")).intValue());
    }

    @Test
    void headersFollowTheLocaleAndTheBomIsAddedOnRequest() throws IOException {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var filter = Map.of("period", lastDays(2), "direction", "MT");
        var es = exportDone(ana, input("filter", filter, "format", "CSV", "locale", "ES", "csvBom", true));
        var bytes = download(port, Clients.basic(DemoIdentities.ANA), (String) es.get("downloadUrl")).body();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        var header = parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)).getFirst().toList();
        assertThat(header).startsWith("ID del mensaje", "Dirección", "Fecha/hora").contains("Código de error");
        var pt = exportDone(ana, input("filter", filter, "format", "CSV", "locale", "PT"));
        var ptHeader = parse(download(port, Clients.basic(DemoIdentities.ANA), (String) pt.get("downloadUrl")).text())
                .getFirst().toList();
        assertThat(ptHeader).startsWith("ID da mensagem", "Direção", "Data/hora").contains("Código de erro");
    }

    @Test
    void formulaLikeCellsAreNeutralisedAndQuotingRoundTrips() throws IOException {
        ensureBulkTenant(store);
        var ops = Clients.as(port, BULK_ADMIN);
        var job = exportDone(ops, input("filter", Map.of("period", lastDays(5), "subaccounts", List.of(EDGE_SUBACCOUNT)),
                "format", "CSV", "sort", "OLDEST_FIRST", "columns",
                List.of("MESSAGE_ID", "TEXT", "USER", "CAMPAIGN_NAME", "CORRELATION_ID", "SUBACCOUNT_NAME", "ERROR_CODE")));
        var rows = parse(download(port, Clients.basic(BULK_ADMIN), (String) job.get("downloadUrl")).text());
        rows = rows.subList(1, rows.size());
        assertThat(rows).hasSize(EDGE_TEXTS.size());
        assertThat(rows.stream().map(r -> r.get(1)).toList()).containsExactly("'" + FORMULA, "'" + PLUS, "'" + MINUS,
                "'" + AT, "'" + TAB, "'" + CR, QUOTED, LONG);
        for (var row : rows) {
            assertThat(row.get(2)).isEqualTo("'@attacker");
            assertThat(row.get(3)).isEqualTo("'+Edge campaign");
            assertThat(row.get(4)).isEqualTo("'-corr");
            assertThat(row.get(5)).isEqualTo("'=Edge cases");
            assertThat(row.get(6)).as("numbers are not text").isEqualTo("131026");
        }
    }

    static List<CSVRecord> parse(String text) throws IOException {
        try (var parser = CSVParser.parse(text, CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }

    static List<Map<String, Object>> reportRows(org.springframework.graphql.test.tester.GraphQlTester client,
                                                Map<String, Object> filter) {
        var rows = new ArrayList<Map<String, Object>>();
        String after = null;
        while (true) {
            var input = new HashMap<String, Object>(Map.of("filter", filter, "first", 500));
            if (after != null) {
                input.put("after", after);
            }
            var response = client.documentName("messages").variable("input", input).execute();
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Map<String, Object>> nodes = (List) response.path("messages.edges[*].node").entityList(Map.class).get();
            rows.addAll(nodes);
            if (!response.path("messages.pageInfo.hasNextPage").entity(Boolean.class).get()) {
                return rows;
            }
            after = response.path("messages.pageInfo.endCursor").entity(String.class).get();
        }
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Instant instantOrNull(String value) {
        return value == null || value.isEmpty() ? null : OffsetDateTime.parse(value).toInstant();
    }
}
