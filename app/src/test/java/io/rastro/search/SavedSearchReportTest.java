package io.rastro.search;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.rastro.search.Searches.expectError;
import static io.rastro.search.Searches.instant;
import static io.rastro.search.Searches.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Saved searches used through the report and the counts: same totals as inline, overrides, clear refusals. */
@IntegrationTest
class SavedSearchReportTest {

    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final Map<String, Object> BLACK_FRIDAY_FAILURES = Map.of("direction", "MT",
            "campaigns", List.of("cmp-acme-black-friday"), "statuses", List.of("FAILED"));

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    io.rastro.security.StoreUserDetailsService users;
    @Autowired
    io.rastro.report.Directory names;

    /** Runs the report and the counts with the same (saved and/or inline) request. */
    GraphQlTester.Response run(String user, String savedSearchId, Map<String, Object> filter) {
        var messages = new HashMap<String, Object>(Map.of("first", 1));
        var counts = new HashMap<String, Object>(Map.of("groupBy", List.of("STATUS")));
        if (savedSearchId != null) {
            messages.put("savedSearchId", savedSearchId);
            counts.put("savedSearchId", savedSearchId);
        }
        if (filter != null) {
            messages.put("filter", filter);
            counts.put("filter", filter);
        }
        return Clients.as(port, user).documentName("savedSearchUse").variable("messages", messages)
                .variable("counts", counts).execute();
    }

    static Map<String, Object> with(Map<String, Object> filter, String key, Object value) {
        var out = new HashMap<>(filter);
        out.put(key, value);
        return out;
    }

    @Test
    void aSavedSearchGivesTheSameTotalsAsItsFilterInlineAndShowsTheResolvedPeriod() {
        var id = Searches.saved(port, DemoIdentities.ANA, Map.of("name", unique("Black Friday failures last month"),
                "filter", BLACK_FRIDAY_FAILURES,
                "relativePeriod", Map.of("range", "LAST_MONTH", "timeZone", "America/Sao_Paulo")));

        var saved = run(DemoIdentities.ANA, id, null);
        var total = saved.path("messages.totalCount").entity(Long.class).get();
        saved.path("messageCounts.total").entity(Long.class).isEqualTo(total);
        saved.path("messageCounts.groups[*].keys[0].value").entityList(String.class).containsExactly("FAILED");
        assertThat(total).isPositive();

        // the period that ran is last month in São Paulo, in instants
        var firstOfMonth = ZonedDateTime.now(SAO_PAULO).toLocalDate().withDayOfMonth(1);
        var expectedFrom = firstOfMonth.minusMonths(1).atStartOfDay(SAO_PAULO).toInstant();
        var expectedTo = firstOfMonth.atStartOfDay(SAO_PAULO).toInstant();
        for (var field : List.of("messages", "messageCounts")) {
            saved.path(field + ".period.from").entity(String.class)
                    .satisfies(v -> assertThat(instant(v)).isEqualTo(expectedFrom));
            saved.path(field + ".period.to").entity(String.class)
                    .satisfies(v -> assertThat(instant(v)).isEqualTo(expectedTo));
        }

        var inline = run(DemoIdentities.ANA, null, with(BLACK_FRIDAY_FAILURES, "period",
                Map.of("from", expectedFrom.toString(), "to", expectedTo.toString())));
        inline.path("messages.totalCount").entity(Long.class).isEqualTo(total);
        inline.path("messageCounts.total").entity(Long.class).isEqualTo(total);

        var direct = store.query(Sql.of("""
                SELECT count() AS c FROM rastro.messages FINAL
                WHERE account_id = 'acme' AND direction = 'MT' AND campaign_id = 'cmp-acme-black-friday'
                  AND status = 'FAILED' AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')}""")
                .bind("f", expectedFrom).bind("t", expectedTo), r -> r.getLong("c")).getFirst();
        assertThat(total).isEqualTo(direct);
    }

    @Test
    void aRollingPeriodIsResolvedAtUseAndReturnedAsRun() {
        var id = Searches.saved(port, DemoIdentities.ANA, Map.of("name", unique("Sales last 7 days"),
                "filter", Map.of("subaccounts", List.of("acme-sales")), "relativePeriod", Map.of("range", "LAST_7_DAYS")));
        var before = Instant.now();
        var saved = Clients.as(port, DemoIdentities.ANA).documentName("savedSearchMessages")
                .variable("input", Map.of("savedSearchId", id, "first", 5)).execute();
        var after = Instant.now();
        var from = instant(saved.path("messages.period.from").entity(String.class).get());
        var to = instant(saved.path("messages.period.to").entity(String.class).get());
        assertThat(to).isBetween(before.minusMillis(1), after);
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(7));
        saved.path("messages.edges[*].node.subaccount.id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).isNotEmpty().containsOnly("acme-sales"));

        var total = saved.path("messages.totalCount").entity(Long.class).get();
        Clients.as(port, DemoIdentities.ANA).documentName("savedSearchMessages").variable("input", Map.of("filter",
                        Map.of("subaccounts", List.of("acme-sales"), "period", Map.of("from", from.toString(), "to", to.toString()))))
                .execute().path("messages.totalCount").entity(Long.class).isEqualTo(total);
    }

    @Test
    void inlineFieldsWinOverSavedOnes() {
        var id = Searches.saved(port, DemoIdentities.ANA, Map.of("name", unique("Black Friday failures, 30 days"),
                "filter", BLACK_FRIDAY_FAILURES, "relativePeriod", Map.of("range", "LAST_30_DAYS")));
        var period = Searches.daysBack(85, 36);

        // statuses and period inline; direction and campaign from the saved search
        var overridden = run(DemoIdentities.ANA, id, Map.of("statuses", List.of("DELIVERED", "READ"), "period", period));
        var total = overridden.path("messages.totalCount").entity(Long.class).get();
        overridden.path("messageCounts.total").entity(Long.class).isEqualTo(total);
        overridden.path("messageCounts.groups[*].keys[0].value").entityList(String.class)
                .satisfies(v -> assertThat(v).isNotEmpty().isSubsetOf("DELIVERED", "READ"));
        overridden.path("messages.period.from").entity(String.class)
                .satisfies(v -> assertThat(instant(v)).isEqualTo(instant((String) period.get("from"))));

        var inline = run(DemoIdentities.ANA, null, with(with(BLACK_FRIDAY_FAILURES, "statuses",
                List.of("DELIVERED", "READ")), "period", period));
        inline.path("messages.totalCount").entity(Long.class).isEqualTo(total);
        inline.path("messageCounts.total").entity(Long.class).isEqualTo(total);
        var savedOnly = run(DemoIdentities.ANA, null, with(BLACK_FRIDAY_FAILURES, "period", period))
                .path("messages.totalCount").entity(Long.class).get();
        assertThat(total).isPositive().isNotEqualTo(savedOnly);
    }

    @Test
    void aSearchWithoutAPeriodTakesTheOneGivenAtUse() {
        var id = Searches.saved(port, DemoIdentities.ANA, Map.of("name", unique("Received, any period"),
                "filter", Map.of("direction", "MO")));
        expectError(Clients.as(port, DemoIdentities.ANA).documentName("savedSearchMessages")
                .variable("input", Map.of("savedSearchId", id)).execute(), "BAD_REQUEST", "input.filter.period");
        var period = Searches.daysBack(67, 53);
        var saved = run(DemoIdentities.ANA, id, Map.of("period", period));
        var inline = run(DemoIdentities.ANA, null, Map.of("direction", "MO", "period", period));
        var total = inline.path("messages.totalCount").entity(Long.class).get();
        assertThat(total).isPositive();
        saved.path("messages.totalCount").entity(Long.class).isEqualTo(total);
        saved.path("messageCounts.total").entity(Long.class).isEqualTo(total);
    }

    @Test
    void aSubaccountUserUsingASharedSearchOutsideTheirScopeIsForbidden() {
        var name = unique("Sales failures (shared)");
        var id = Searches.saved(port, DemoIdentities.ANA, Map.of("name", name, "shared", true,
                "filter", Map.of("subaccounts", List.of("acme-sales"), "statuses", List.of("FAILED")),
                "relativePeriod", Map.of("range", "LAST_30_DAYS")));
        assertThat(run(DemoIdentities.ANA, id, null).path("messages.totalCount").entity(Long.class).get()).isPositive();

        var carla = Clients.as(port, DemoIdentities.CARLA);
        carla.documentName("savedSearch").variable("id", id).execute().path("savedSearch.name").entity(String.class)
                .isEqualTo(name);
        // both the report and the counts refuse, naming the search and the subaccount
        run(DemoIdentities.CARLA, id, null).errors().satisfy(errors -> assertThat(errors).hasSize(2).allMatch(e ->
                "FORBIDDEN".equals(e.getErrorType().toString())
                        && "input.savedSearchId".equals(e.getExtensions().get("field"))
                        && e.getMessage().contains(name) && e.getMessage().contains("acme-sales")));
    }

    @Test
    void aSearchNamingACampaignOrSubaccountThatIsGoneIsABadRequestWhenUsed() {
        var campaign = "cmp-acme-" + unique("temp").replace(' ', '-');
        var subaccount = "acme-" + unique("temp").replace(' ', '-');
        directory("INSERT INTO rastro.campaigns (account_id, campaign_id, subaccount_id, name, version, deleted) "
                + "SELECT 'acme', {id:String}, 'acme-sales', 'Temporary', 1, false", campaign);
        directory("INSERT INTO rastro.subaccounts (account_id, subaccount_id, name, version, deleted) "
                + "SELECT 'acme', {id:String}, 'Temporary', 1, false", subaccount);
        var byCampaign = unique("Temporary campaign");
        var campaignSearch = Searches.saved(port, DemoIdentities.ANA, Map.of("name", byCampaign,
                "filter", Map.of("campaigns", List.of("cmp-acme-black-friday", campaign)),
                "relativePeriod", Map.of("range", "LAST_7_DAYS")));
        var bySubaccount = unique("Temporary subaccount");
        var subaccountSearch = Searches.saved(port, DemoIdentities.ANA, Map.of("name", bySubaccount,
                "filter", Map.of("subaccounts", List.of(subaccount)), "relativePeriod", Map.of("range", "LAST_7_DAYS")));
        run(DemoIdentities.ANA, campaignSearch, null).path("messages.totalCount").entity(Long.class)
                .satisfies(t -> assertThat(t).isPositive());
        run(DemoIdentities.ANA, subaccountSearch, null).path("messages.totalCount").entity(Long.class).isEqualTo(0L);

        directory("INSERT INTO rastro.campaigns (account_id, campaign_id, subaccount_id, name, version, deleted) "
                + "SELECT 'acme', {id:String}, 'acme-sales', 'Temporary', 2, true", campaign);
        directory("INSERT INTO rastro.subaccounts (account_id, subaccount_id, name, version, deleted) "
                + "SELECT 'acme', {id:String}, 'Temporary', 2, true", subaccount);

        run(DemoIdentities.ANA, campaignSearch, null).errors().expect(e -> "BAD_REQUEST".equals(e.getErrorType().toString())
                && "input.savedSearchId".equals(e.getExtensions().get("field"))
                && e.getMessage().contains(byCampaign) && e.getMessage().contains(campaign)
                && !e.getMessage().contains("cmp-acme-black-friday")).verify();
        run(DemoIdentities.ANA, subaccountSearch, null).errors().expect(e -> "BAD_REQUEST".equals(e.getErrorType().toString())
                && e.getMessage().contains(bySubaccount) && e.getMessage().contains(subaccount)).verify();
    }

    @Test
    void aSubaccountTheUserLostMakesTheirOwnSearchForbidden() {
        var dora = unique("dora").replace(' ', '-') + "@acme.example";
        user(dora, List.of("acme-support", "acme-sales"), 1);
        var id = Searches.saved(port, dora, Map.of("name", "Sales weekly", "filter",
                Map.of("subaccounts", List.of("acme-sales")), "relativePeriod", Map.of("range", "LAST_7_DAYS")));
        assertThat(run(dora, id, null).path("messages.totalCount").entity(Long.class).get()).isPositive();

        user(dora, List.of("acme-support"), 2);
        // a hand edit of rastro.users counts within rastro.security.principal-cache-ttl; the test does not wait
        users.forget(dora);

        run(dora, id, null).errors().expect(e -> "FORBIDDEN".equals(e.getErrorType().toString())
                && e.getMessage().contains("Sales weekly") && e.getMessage().contains("acme-sales")).verify();
    }

    @Test
    void conversationsTakeASavedSearchToo() {
        var period = Searches.daysBack(67, 60);
        // (not by subaccount or campaign: conversations cannot filter on those yet, an engine error on main)
        var filter = Map.<String, Object>of("contentTypes", List.of("TEMPLATE"), "statuses", List.of("READ"),
                "period", period);
        var id = Searches.saved(port, DemoIdentities.ANA, Map.of("name", unique("Read templates, a week two months back"),
                "filter", filter));
        var saved = Clients.as(port, DemoIdentities.ANA).documentName("savedSearchConversations")
                .variable("input", Map.of("savedSearchId", id)).execute()
                .path("conversations.totalCount").entity(Long.class).get();
        assertThat(saved).isPositive();
        Clients.as(port, DemoIdentities.ANA).documentName("savedSearchConversations")
                .variable("input", Map.of("filter", filter)).execute()
                .path("conversations.totalCount").entity(Long.class).isEqualTo(saved);
    }

    /** Changes the shared directory; the cached names go too, or other tests would see a removed subaccount. */
    private void directory(String insert, String id) {
        store.execute(Sql.of(insert).bind("id", id));
        names.forget("acme");
    }

    private void user(String id, List<String> subaccounts, long version) {
        store.execute(Sql.of("""
                        INSERT INTO rastro.users (user_id, account_id, display_name, password_hash, role, subaccounts, version)
                        SELECT {u:String}, 'acme', 'Dora', {h:String}, 'SUBACCOUNT_USER', {s:Array(String)}, {v:UInt64}""")
                .bind("u", id).bind("h", new BCryptPasswordEncoder().encode(DemoIdentities.PASSWORD))
                .bind("s", subaccounts).bind("v", version));
    }
}
