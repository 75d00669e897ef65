package io.rastro.insight;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.security.ApiTokens;
import io.rastro.store.Sql;
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
 * Reply outcome, funnel, failure analysis and marketing fatigue against messages counted by hand
 * ({@link InsightFixtures}), against SQL written apart from the service on the demo data, and scoped to the caller.
 */
@IntegrationTest
class InsightTest {

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

    private static Map<String, Object> filter() {
        return filter(Map.of());
    }

    @Test
    void theFunnelsStepsAreTheHandCountedOnesAndNeverGrowDownTheFunnel() {
        var response = Clients.as(port, ADMIN).documentName("funnel").variable("input", Map.of("filter", filter()))
                .execute();
        var total = response.path("funnel.total").entity(Map.class).get();
        assertThat(total).containsEntry("messages", 10).containsEntry("sent", 6).containsEntry("delivered", 4)
                .containsEntry("read", 3).containsEntry("deliveredReadUnknown", 1).containsEntry("replied", 2)
                .containsEntry("clicked", 1).containsEntry("failed", 4);
        assertThat(total).containsEntry("deliveredRate", 0.6667).containsEntry("readRate", 0.75)
                .containsEntry("repliedRate", 0.6667).containsEntry("clickedRate", 0.5).containsEntry("failedRate", 0.4);
        response.path("funnel.groups[*].keys[0].value").entityList(String.class).containsExactly("cmp-ins-1");

        var bySubaccount = Clients.as(port, ADMIN).documentName("funnel")
                .variable("input", Map.of("filter", filter(), "groupBy", List.of("SUBACCOUNT"))).execute();
        bySubaccount.path("funnel.groups[?(@.keys[0].value == 'tins-b')].failed").entityList(Integer.class).containsExactly(1);
        bySubaccount.path("funnel.groups[?(@.keys[0].value == 'tins-b')].sent").entityList(Integer.class).containsExactly(0);
    }

    @Test
    void onTheDemoDataNoStepOfAnyCampaignCountsMoreThanTheOneBefore() {
        var to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        var groups = Clients.as(port, DemoIdentities.ANA).documentName("funnel").variable("input", Map.of("filter",
                Map.of("period", Map.of("from", to.minus(30, ChronoUnit.DAYS).toString(), "to", to.toString()))))
                .execute().path("funnel.groups").entityList(Map.class).get();
        assertThat(groups).hasSizeGreaterThan(3);
        for (var g : groups) {
            var n = (Map<String, Object>) g;
            assertThat(((Number) n.get("messages")).longValue()).isGreaterThanOrEqualTo(((Number) n.get("sent")).longValue());
            assertThat(((Number) n.get("sent")).longValue()).isGreaterThanOrEqualTo(((Number) n.get("delivered")).longValue());
            assertThat(((Number) n.get("delivered")).longValue()).isGreaterThanOrEqualTo(((Number) n.get("read")).longValue());
            assertThat(((Number) n.get("read")).longValue()).isGreaterThanOrEqualTo(((Number) n.get("replied")).longValue());
            assertThat(((Number) n.get("replied")).longValue()).isGreaterThanOrEqualTo(((Number) n.get("clicked")).longValue());
        }
        var replied = groups.stream().mapToLong(g -> ((Number) ((Map<?, ?>) g).get("replied")).longValue()).sum();
        var expected = store.query(Sql.of("""
                SELECT uniqExact(mo.reply_to_message_id) AS c
                FROM rastro.messages AS mo FINAL
                WHERE mo.account_id = 'acme' AND mo.direction = 'MO' AND mo.reply_to_message_id IN (
                    SELECT message_id FROM rastro.messages FINAL WHERE account_id = 'acme' AND direction = 'MT'
                      AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')})""")
                .bind("f", to.minus(30, ChronoUnit.DAYS)).bind("t", to), r -> r.getLong("c")).getFirst();
        assertThat(replied).as("replied, against a join of MO with MT written apart").isEqualTo(expected).isPositive();
    }

    @Test
    void aSentMessageCarriesItsFirstReplyTheButtonAndTheTimeToIt() {
        var nodes = Clients.as(port, ADMIN).documentName("sentReplies").variable("input",
                Map.of("filter", filter(Map.of("direction", "MT")), "first", 50)).execute()
                .path("messages.edges[*].node").entityList(Map.class).get();
        var byId = new HashMap<String, Map<String, Object>>();
        nodes.forEach(n -> byId.put((String) n.get("id"), n));
        assertThat(byId).hasSize(10);
        assertThat(byId.get(id("m5")).get("replyCount")).isEqualTo(1);
        var m5 = (Map<?, ?>) byId.get(id("m5")).get("reply");
        assertThat(m5.get("id")).isEqualTo(id("r5"));
        assertThat(m5.get("at")).isEqualTo("2026-06-10T11:30:00.000Z");
        assertThat(m5.get("secondsToReply")).isEqualTo(5100);
        assertThat(m5.get("button")).as("a typed reply").isNull();
        var m6 = (Map<?, ?>) byId.get(id("m6")).get("reply");
        assertThat(byId.get(id("m6")).get("replyCount")).isEqualTo(2);
        assertThat(m6.get("id")).isEqualTo(id("r6a"));
        assertThat(m6.get("secondsToReply")).isEqualTo(30);
        assertThat(m6.get("button")).isEqualTo(Map.of("payload", "INS_YES", "text", "Sim"));
        assertThat(byId.get(id("m4")).get("reply")).isNull();
        assertThat(byId.get(id("m4")).get("replyCount")).isEqualTo(0);
    }

    @Test
    void onTheDemoDataAPagesRepliesAreThoseTheReceivedMessagesName() {
        var to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        var from = to.minus(7, ChronoUnit.DAYS);
        var nodes = Clients.as(port, DemoIdentities.ANA).documentName("sentReplies").variable("input",
                Map.of("filter", Map.of("period", Map.of("from", from.toString(), "to", to.toString()),
                        "direction", "MT", "statuses", List.of("READ")), "first", 200)).execute()
                .path("messages.edges[*].node").entityList(Map.class).get();
        var ids = nodes.stream().map(n -> (String) n.get("id")).toList();
        var expected = new HashMap<String, Long>();
        store.read(Sql.of("""
                SELECT reply_to_message_id AS id, count() AS c FROM rastro.messages FINAL
                WHERE account_id = 'acme' AND direction = 'MO' AND reply_to_message_id IN {ids:Array(String)}
                GROUP BY reply_to_message_id""").bind("ids", ids), r -> expected.put(r.getString("id"), r.getLong("c")));
        assertThat(expected).isNotEmpty();
        for (var n : nodes) {
            assertThat(((Number) n.get("replyCount")).longValue()).as((String) n.get("id"))
                    .isEqualTo(expected.getOrDefault((String) n.get("id"), 0L));
            assertThat(n.get("reply") != null).isEqualTo(expected.containsKey((String) n.get("id")));
        }
    }

    @Test
    void failuresAreCountedPerCodeWithTheirContactsClassAndAction() {
        var response = Clients.as(port, ADMIN).documentName("failureAnalysis")
                .variable("input", Map.of("filter", filter())).execute();
        response.path("failureAnalysis.failures").entity(Integer.class).isEqualTo(4);
        response.path("failureAnalysis.contacts").entity(Integer.class).isEqualTo(3);
        var codes = response.path("failureAnalysis.codes").entityList(Map.class).get();
        assertThat(codes).extracting(c -> c.get("code")).containsExactly(131050, 131026, 131049);
        var stopped = codes.getFirst();
        assertThat(stopped).containsEntry("count", 2).containsEntry("contacts", 1).containsEntry("share", 0.5)
                .containsEntry("errorClass", "PERMANENT").containsEntry("firstSeen", "2026-06-10T10:07:01.000Z")
                .containsEntry("lastSeen", "2026-06-10T10:08:02.000Z").containsEntry("title", "User stopped marketing messages");
        assertThat((String) stopped.get("action")).contains("Do not send marketing");
        assertThat(codes.get(2)).containsEntry("errorClass", "RETRYABLE_LATER").containsEntry("contacts", 1);
        assertThat(codes.get(1)).containsEntry("errorClass", "PERMANENT");

        var scoped = Clients.as(port, B_USER).documentName("failureAnalysis")
                .variable("input", Map.of("filter", filter())).execute();
        scoped.path("failureAnalysis.codes[*].code").entityList(Integer.class).containsExactly(131026);
        scoped.path("failureAnalysis.failures").entity(Integer.class).isEqualTo(1);
    }

    @Test
    void onTheDemoDataEveryFailureCodeIsCountedAndClassed() {
        var to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        var from = to.minus(30, ChronoUnit.DAYS);
        var codes = Clients.as(port, DemoIdentities.ANA).documentName("failureAnalysis").variable("input",
                Map.of("filter", Map.of("period", Map.of("from", from.toString(), "to", to.toString())))).execute()
                .path("failureAnalysis.codes").entityList(Map.class).get();
        var expected = new HashMap<Integer, Long>();
        store.read(Sql.of("""
                SELECT error_code, count() AS c FROM rastro.messages FINAL
                WHERE account_id = 'acme' AND direction = 'MT' AND status = 'FAILED'
                  AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')}
                GROUP BY error_code""").bind("f", from).bind("t", to), r -> expected.put((int) r.getLong("error_code"), r.getLong("c")));
        var got = new HashMap<Integer, Long>();
        codes.forEach(c -> got.put((Integer) c.get("code"), ((Number) c.get("count")).longValue()));
        assertThat(got).isEqualTo(expected);
        assertThat(codes).extracting(c -> c.get("errorClass")).contains("PERMANENT", "RETRYABLE_LATER", "FIX_ON_YOUR_SIDE");
    }

    @Test
    void contactsTiredOfMarketingAreListedAndDownloadable() {
        var response = Clients.as(port, ADMIN).documentName("marketingFatigue")
                .variable("input", Map.of("filter", filter())).execute();
        response.path("marketingFatigue.totalContacts").entity(Integer.class).isEqualTo(1);
        var tired = response.path("marketingFatigue.contacts[0]").entity(Map.class).get();
        assertThat(tired).containsEntry("key", "5511900000007").containsEntry("phone", "5511900000007")
                .containsEntry("failures", 2).containsEntry("errorCodes", List.of(131050))
                .containsEntry("lastSeen", "2026-06-10T10:08:02.000Z");
        assertThat(tired.get("bsuid")).isNull();
        var one = Clients.as(port, ADMIN).documentName("marketingFatigue")
                .variable("input", Map.of("filter", filter(), "minFailures", 1)).execute();
        one.path("marketingFatigue.contacts[*].key").entityList(String.class)
                .containsExactly("5511900000007", "US.10000000000000000009");
        Clients.as(port, B_USER).documentName("marketingFatigue").variable("input", Map.of("filter", filter(),
                "minFailures", 1)).execute().path("marketingFatigue.totalContacts").entity(Integer.class).isEqualTo(0);

        var csv = Clients.http(port, Clients.basic(ADMIN)).get().uri("/api/v1/insights/marketing-fatigue.csv?from="
                + InsightFixtures.FROM + "&to=" + InsightFixtures.TO + "&minFailures=1").retrieve().body(String.class);
        assertThat(csv.lines().toList()).containsExactly(
                "\"contact_key\",\"phone\",\"bsuid\",\"failures\",\"error_codes\",\"last_seen\"",
                "\"5511900000007\",\"5511900000007\",\"\",2,\"131050\",\"2026-06-10T10:08:02.000Z\"",
                "\"US.10000000000000000009\",\"\",\"US.10000000000000000009\",1,\"131049\",\"2026-06-10T10:09:02.000Z\"");
        var other = Clients.http(port, Clients.basic(DemoIdentities.BRUNO)).get().uri("/api/v1/insights/marketing-fatigue.csv?from="
                + InsightFixtures.FROM + "&to=" + InsightFixtures.TO + "&minFailures=1").retrieve().body(String.class);
        assertThat(other.lines().toList()).as("another tenant's list").hasSize(1);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Clients.as(port, ADMIN).documentName("funnel").variable("input", Map.of("filter", filter(),
                "groupBy", List.of("CAMPAIGN", "CAMPAIGN"))).execute().errors().satisfy(errors -> {
                    assertThat(errors.getFirst().getErrorType().toString()).isEqualTo("BAD_REQUEST");
                    assertThat(errors.getFirst().getExtensions()).containsEntry("field", "input.groupBy");
                });
        Clients.as(port, ADMIN).documentName("marketingFatigue").variable("input", Map.of("filter", filter(),
                "minFailures", 0)).execute().errors().satisfy(errors ->
                assertThat(errors.getFirst().getExtensions()).containsEntry("field", "input.minFailures"));
        var status = Clients.http(port, Clients.basic(ADMIN)).get().uri("/api/v1/insights/marketing-fatigue.csv?from=yesterday&to=x")
                .exchange((req, res) -> res.getStatusCode().value() + " " + new String(res.getBody().readAllBytes()));
        assertThat(status).startsWith("400").contains("\"field\":\"from\"");
    }
}
