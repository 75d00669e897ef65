package io.rastro.report;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code filterOptions}: the picker values are exactly those of the caller's own messages in the period. */
@IntegrationTest
class FilterOptionsTest {

    static final Instant TO = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    static final Instant FROM = TO.minus(30, ChronoUnit.DAYS);

    @LocalServerPort
    int port;
    @Autowired
    Store store;

    /** The distinct values of a column, written apart from the service's SQL (FINAL, no lookup tables). */
    private List<String> expected(String column, String account, List<String> subaccounts) {
        return store.query(Sql.of("SELECT DISTINCT toString(" + column + ") AS v FROM rastro.messages FINAL"
                        + " WHERE account_id = {a:String} AND event_time >= {f:DateTime64(3, 'UTC')}"
                        + " AND event_time < {t:DateTime64(3, 'UTC')}"
                        + " AND (empty({s:Array(String)}) OR has({s:Array(String)}, subaccount_id))"
                        + " AND toString(" + column + ") NOT IN ('', '0') ORDER BY v")
                .bind("a", account).bind("f", FROM).bind("t", TO).bind("s", subaccounts), r -> r.getString("v"));
    }

    private GraphQlTester.Response options(String user) {
        return Clients.as(port, user).documentName("filterOptions")
                .variable("input", Map.of("period", Map.of("from", FROM.toString(), "to", TO.toString()))).execute();
    }

    @Test
    void anAdministratorGetsEveryCampaignUserAndErrorCodeOfTheAccountsPeriod() {
        var response = options(DemoIdentities.ANA);
        var campaigns = response.path("filterOptions.campaigns[*].id").entityList(String.class).get();
        assertThat(campaigns).containsExactlyInAnyOrderElementsOf(expected("campaign_id", "acme", List.of()));
        assertThat(campaigns).contains("cmp-acme-black-friday", "cmp-acme-support-csat");
        response.path("filterOptions.campaigns[?(@.id == 'cmp-acme-black-friday')].name").entityList(String.class)
                .containsExactly("Black Friday 2026");
        response.path("filterOptions.users").entityList(String.class)
                .isEqualTo(expected("user_id", "acme", List.of()));
        var codes = response.path("filterOptions.errorCodes[*].code").entityList(Integer.class).get();
        assertThat(codes.stream().map(String::valueOf).sorted().toList())
                .isEqualTo(expected("error_code", "acme", List.of()).stream().sorted().toList());
        assertThat(codes).isNotEmpty().isSorted();
        response.path("filterOptions.errorCodes[?(@.code == 131026)].title").entityList(String.class)
                .containsExactly("Message undeliverable");
    }

    @Test
    void aSubaccountUserIsOfferedOnlyTheValuesOfTheirSubaccounts() {
        var campaigns = options(DemoIdentities.CARLA).path("filterOptions.campaigns[*].id").entityList(String.class).get();
        assertThat(campaigns).containsExactlyInAnyOrderElementsOf(expected("campaign_id", "acme", List.of("acme-support")))
                .contains("cmp-acme-support-csat").doesNotContain("cmp-acme-black-friday");
    }

    @Test
    void anotherTenantSeesNoneOfAcmesValues() {
        var response = options(DemoIdentities.BRUNO);
        var campaigns = response.path("filterOptions.campaigns[*].id").entityList(String.class).get();
        assertThat(campaigns).isNotEmpty().allMatch(c -> c.startsWith("cmp-globex-"));
        response.path("filterOptions.users").entityList(String.class).isEqualTo(expected("user_id", "globex", List.of()));
        assertThat(response.path("filterOptions.users").entityList(String.class).get()).doesNotContain(DemoIdentities.ANA);
    }

    @Test
    void thePeriodIsValidatedLikeTheReports() {
        Clients.as(port, DemoIdentities.ANA).documentName("filterOptions")
                .variable("input", Map.of("period", Map.of("from", TO.toString(), "to", FROM.toString()))).execute()
                .errors().satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.getFirst().getErrorType().toString()).isEqualTo("BAD_REQUEST");
                    assertThat(errors.getFirst().getMessage()).contains("reversed");
                    assertThat(errors.getFirst().getExtensions()).containsEntry("field", "input.period");
                });
        Clients.graphQl(port, Clients.bearer(DemoIdentities.ACME_INGEST_TOKEN)).documentName("filterOptions")
                .variable("input", Map.of("period", Map.of("from", FROM.toString(), "to", TO.toString()))).execute()
                .errors().satisfy(errors -> assertThat(errors.getFirst().getErrorType().toString()).isEqualTo("FORBIDDEN"));
    }
}
