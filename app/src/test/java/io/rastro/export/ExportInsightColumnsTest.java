package io.rastro.export;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.insight.InsightFixtures;
import io.rastro.security.ApiTokens;
import io.rastro.store.Store;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.rastro.export.ExportTestSupport.exportDone;
import static io.rastro.export.ExportTestSupport.input;
import static io.rastro.insight.InsightFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

/** The reply and pricing columns of exports, against the hand-made traffic of {@link InsightFixtures}. */
@IntegrationTest
class ExportInsightColumnsTest {

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    ApiTokens tokens;

    @Test
    void aCsvCarriesEachSentMessagesFirstReplyAndItsPricing() throws Exception {
        InsightFixtures.ensure(store, tokens, port);
        var admin = Clients.as(port, InsightFixtures.ADMIN);
        var job = exportDone(admin, input("format", "CSV", "filter", Map.of("period", Map.of("from", InsightFixtures.FROM,
                        "to", InsightFixtures.TO), "direction", "MT"), "columns", List.of("MESSAGE_ID", "REPLY_AT",
                        "REPLY_BUTTON_PAYLOAD", "REPLY_BUTTON_TEXT", "SECONDS_TO_REPLY", "BILLABLE", "PRICING_MODEL",
                        "PRICING_TYPE", "FREE_REASON", "PRICING_CATEGORY")));
        var csv = ExportTestSupport.download(port, Clients.basic(InsightFixtures.ADMIN), (String) job.get("downloadUrl")).text();
        var rows = new HashMap<String, List<String>>();
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
            for (var r : parser) {
                rows.put(r.get(0), r.toList());
            }
        }
        assertThat(rows).hasSize(10);
        assertThat(rows.get(id("m6"))).containsExactly(id("m6"), "2026-06-10T10:06:30.000Z", "INS_YES", "Sim", "30",
                "true", "PMP", "regular", "NOT_FREE", "marketing");
        assertThat(rows.get(id("m5"))).containsExactly(id("m5"), "2026-06-10T11:30:00.000Z", "", "", "5100",
                "false", "PMP", "free_entry_point", "FREE_ENTRY_POINT", "marketing");
        assertThat(rows.get(id("m4"))).containsExactly(id("m4"), "", "", "", "", "false", "PMP",
                "free_customer_service", "SERVICE_WINDOW", "utility");
        assertThat(rows.get(id("m2"))).containsExactly(id("m2"), "", "", "", "", "", "", "", "", "");
    }
}
