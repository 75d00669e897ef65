package io.rastro.insight;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.security.ApiTokens;
import io.rastro.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.rastro.insight.InsightFixtures.ADMIN;
import static io.rastro.insight.InsightFixtures.B_USER;
import static io.rastro.insight.InsightFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pricing on every sent message (billable, model, type, why free), the reply and pricing filters and their count
 * dimensions, against the hand-made traffic of {@link InsightFixtures}.
 */
@IntegrationTest
class BillingAndReplyFiltersTest {

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    ApiTokens tokens;

    @BeforeEach
    void traffic() {
        InsightFixtures.ensure(store, tokens, port);
    }

    private static Map<String, Object> filter(Map<String, Object> more) {
        var f = new HashMap<String, Object>(more);
        f.put("period", Map.of("from", InsightFixtures.FROM, "to", InsightFixtures.TO));
        return f;
    }

    private List<String> ids(String user, Map<String, Object> more) {
        return Clients.as(port, user).documentName("messages").variable("input", Map.of("filter", filter(more),
                "first", 100)).execute().path("messages.edges[*].node.id").entityList(String.class).get();
    }

    private Map<String, Long> counts(String user, String dimension) {
        var groups = Clients.as(port, user).documentName("counts").variable("input", Map.of("filter", filter(Map.of()),
                "groupBy", List.of(dimension))).execute().path("messageCounts.groups").entityList(Map.class).get();
        var out = new HashMap<String, Long>();
        for (var g : groups) {
            var key = (String) ((Map<?, ?>) ((List<?>) g.get("keys")).getFirst()).get("value");
            out.put(key, ((Number) g.get("count")).longValue());
        }
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySentMessageCarriesThePricingItsLatestStepBrought() {
        var nodes = Clients.as(port, ADMIN).documentName("pricing").variable("input", Map.of("filter",
                filter(Map.of("direction", "MT")), "first", 50)).execute()
                .path("messages.edges[*].node").entityList(Map.class).get();
        var byId = new HashMap<String, Map<String, Object>>();
        nodes.forEach(n -> byId.put((String) n.get("id"), (Map<String, Object>) n));
        assertThat(byId.get(id("m3"))).containsEntry("billable", true).containsEntry("pricingModel", "PMP")
                .containsEntry("pricingType", "regular").containsEntry("pricingCategory", "marketing")
                .containsEntry("freeReason", "NOT_FREE");
        assertThat(byId.get(id("m4"))).containsEntry("billable", false).containsEntry("freeReason", "SERVICE_WINDOW")
                .containsEntry("pricingCategory", "utility");
        assertThat(byId.get(id("m5"))).containsEntry("billable", false).containsEntry("freeReason", "FREE_ENTRY_POINT");
        assertThat(byId.get(id("m2")).get("billable")).isNull();
        assertThat(byId.get(id("m2")).get("freeReason")).isNull();
    }

    @Test
    void theFiltersKeepTheHandCountedMessages() {
        assertThat(ids(ADMIN, Map.of("billable", true))).containsExactlyInAnyOrder(id("m3"), id("m6"));
        assertThat(ids(ADMIN, Map.of("billable", false))).containsExactlyInAnyOrder(id("m4"), id("m5"));
        assertThat(ids(ADMIN, Map.of("pricingCategories", List.of("utility")))).containsExactly(id("m4"));
        assertThat(ids(ADMIN, Map.of("replied", true))).containsExactlyInAnyOrder(id("m5"), id("m6"));
        assertThat(ids(ADMIN, Map.of("replied", false))).hasSize(8).doesNotContain(id("m5"), id("m6"))
                .allMatch(i -> i.contains("-m"));
        assertThat(ids(ADMIN, Map.of("replyButtons", List.of("INS_YES")))).containsExactly(id("m6"));
        assertThat(ids(ADMIN, Map.of("replyButtons", List.of("NOT_A_BUTTON")))).isEmpty();
        // the subaccount user sees only m10, which no pricing and no reply reached
        assertThat(ids(B_USER, Map.of("billable", true))).isEmpty();
        assertThat(ids(B_USER, Map.of("replied", false))).containsExactly(id("m10"));
    }

    @Test
    void countsGroupByBillableCategoryAndWhyFree() {
        // 10 MT and 2 MO in the hour (m5's reply came after it): MO messages and the 6 MT no pricing reached are ""
        assertThat(counts(ADMIN, "BILLABLE")).isEqualTo(Map.of("true", 2L, "false", 2L, "", 8L));
        assertThat(counts(ADMIN, "FREE_REASON")).isEqualTo(Map.of("NOT_FREE", 2L, "SERVICE_WINDOW", 1L,
                "FREE_ENTRY_POINT", 1L, "", 8L));
        assertThat(counts(ADMIN, "PRICING_CATEGORY")).isEqualTo(Map.of("marketing", 3L, "utility", 1L, "", 8L));
        assertThat(counts(B_USER, "BILLABLE")).isEqualTo(Map.of("", 1L));
    }

    @Test
    void onTheDemoDataEveryReasonToBeFreeOccurs() {
        var to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        var groups = Clients.as(port, DemoIdentities.ANA).documentName("counts").variable("input", Map.of("filter",
                Map.of("period", Map.of("from", to.minus(30, ChronoUnit.DAYS).toString(), "to", to.toString()),
                        "direction", "MT"), "groupBy", List.of("FREE_REASON"))).execute()
                .path("messageCounts.groups[*].keys[0].value").entityList(String.class).get();
        assertThat(groups).contains("NOT_FREE", "SERVICE_WINDOW", "FREE_ENTRY_POINT");
    }

    @Test
    void badFilterValuesAreRefusedNamingTheField() {
        for (var bad : List.of(Map.<String, Object>of("replied", false, "replyButtons", List.of("X")),
                Map.<String, Object>of("pricingCategories", List.of("Marketing!")),
                Map.<String, Object>of("replyButtons", List.of(" ")))) {
            Clients.as(port, ADMIN).documentName("messages").variable("input", Map.of("filter", filter(bad)))
                    .execute().errors().satisfy(errors -> {
                        assertThat(errors).as(bad.toString()).hasSize(1);
                        assertThat(errors.getFirst().getErrorType().toString()).isEqualTo("BAD_REQUEST");
                        assertThat((String) errors.getFirst().getExtensions().get("field"))
                                .startsWith("input.filter." + (bad.containsKey("pricingCategories") ? "pricingCategories" : "replyButtons"));
                    });
        }
    }
}
