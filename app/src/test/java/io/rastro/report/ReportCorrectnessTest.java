package io.rastro.report;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Totals, pages and counts agree with SQL written independently here, for a variety of filter combinations, on
 * the demo data. Each case is a GraphQL filter and the equivalent hand-written SQL condition.
 */
@IntegrationTest
class ReportCorrectnessTest {

    @LocalServerPort
    int port;
    @Autowired
    Store store;

    record Case(String name, Map<String, Object> filter, String sqlCondition) {
    }

    /** Taken once per test (JUnit makes an instance for each), so that a midnight cannot move the period mid-test. */
    private final Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

    private Instant from() {
        return today.minus(60, ChronoUnit.DAYS);
    }

    private Instant to() {
        return today.plus(1, ChronoUnit.DAYS);
    }

    private List<Case> cases() {
        var samples = store.query(Sql.of("""
                SELECT any(correlation_id) AS corr, any(conversation_id) AS conv, any(contact_phone) AS phone,
                       any(contact_bsuid) AS bsuid
                FROM rastro.messages FINAL WHERE account_id = 'acme' AND correlation_id != '' AND contact_bsuid != ''
                  AND event_time >= now() - INTERVAL 30 DAY"""),
                r -> List.of(r.getString("corr"), r.getString("conv"), r.getString("phone"), r.getString("bsuid"))).getFirst();
        var phone = samples.get(2);
        var payload = store.query(Sql.of("SELECT any(button_payload) AS p FROM rastro.messages WHERE account_id = 'acme' "
                + "AND direction = 'MO' AND button_payload != ''"), r -> r.getString("p")).getFirst();
        var formattedPhone = "+" + phone.substring(0, 2) + " " + phone.substring(2, 4) + " " + phone.substring(4, 9)
                + "-" + phone.substring(9);
        return List.of(
                new Case("everything", Map.of(), "1"),
                new Case("MT only", Map.of("direction", "MT"), "direction = 'MT'"),
                new Case("MO only", Map.of("direction", "MO"), "direction = 'MO'"),
                new Case("failed with two codes", Map.of("statuses", List.of("FAILED"), "errorCodes", List.of(131026, 131047)),
                        "status = 'FAILED' AND error_code IN (131026, 131047)"),
                new Case("permanent errors", Map.of("errorClasses", List.of("PERMANENT")),
                        "error_code IN (131026, 131050, 131031, 131021, 130472)"),
                new Case("errors to retry later, failed", Map.of("errorClasses", List.of("RETRYABLE_LATER"),
                        "statuses", List.of("FAILED")), "status = 'FAILED' AND error_code IN (130429, 131048, 131056, "
                        + "131049, 131000, 131016, 133004, 1, 2, 4, 80007)"),
                new Case("read or delivered templates", Map.of("statuses", List.of("READ", "DELIVERED"),
                        "contentTypes", List.of("TEMPLATE")), "status IN ('READ','DELIVERED') AND content_type = 'TEMPLATE'"),
                new Case("black friday campaign, sales+marketing", Map.of("campaigns", List.of("cmp-acme-black-friday"),
                        "subaccounts", List.of("acme-sales", "acme-marketing")),
                        "campaign_id = 'cmp-acme-black-friday' AND subaccount_id IN ('acme-sales','acme-marketing')"),
                new Case("sent with session", Map.of("sentWithSession", true), "direction = 'MT' AND sent_with_session"),
                new Case("sent outside session", Map.of("sentWithSession", false), "direction = 'MT' AND NOT sent_with_session"),
                new Case("user", Map.of("users", List.of(DemoIdentities.CARLA)), "user_id = 'carla@acme.example'"),
                new Case("without campaign", Map.of("withoutCampaign", true), "campaign_id = ''"),
                new Case("with a campaign", Map.of("withoutCampaign", false), "campaign_id != ''"),
                new Case("without user", Map.of("withoutUser", true), "user_id = ''"),
                new Case("with a user, MO", Map.of("withoutUser", false, "direction", "MO"), "user_id != '' AND direction = 'MO'"),
                new Case("correlation id", Map.of("correlationId", samples.get(0)), "correlation_id = '" + samples.get(0) + "'"),
                new Case("conversation id", Map.of("conversationId", samples.get(1)), "conversation_id = '" + samples.get(1) + "'"),
                new Case("phone in any notation", Map.of("contact", formattedPhone),
                        "(contact_phone = '" + phone + "' OR contact_wa_id = '" + phone + "')"),
                new Case("business-scoped user id", Map.of("contact", samples.get(3)), "contact_bsuid = '" + samples.get(3) + "'"),
                new Case("free entry point conversations", Map.of("conversationTypes", List.of("FREE_ENTRY_POINT")),
                        "conversation_type = 'FREE_ENTRY_POINT'"),
                new Case("quick-reply taps", Map.of("direction", "MO", "contentTypes", List.of("BUTTON")),
                        "direction = 'MO' AND content_type = 'BUTTON'"),
                // the reply state on the MT row (migration 015) against the MO rows themselves
                new Case("replied", Map.of("replied", true), "direction = 'MT' AND message_id IN " + ANSWERED),
                new Case("not replied", Map.of("replied", false), "direction = 'MT' AND message_id NOT IN " + ANSWERED),
                new Case("replied with a button", Map.of("replyButtons", List.of(payload)), "direction = 'MT' AND "
                        + "message_id IN (SELECT reply_to_message_id FROM rastro.messages WHERE account_id = 'acme' "
                        + "AND direction = 'MO' AND button_payload = '" + payload + "')"));
    }

    /** The MT messages some MO row of Acme answers, read from the MO rows alone. */
    private static final String ANSWERED = "(SELECT reply_to_message_id FROM rastro.messages WHERE account_id = 'acme' "
            + "AND direction = 'MO' AND reply_to_message_id != '')";

    private long independentCount(String condition) {
        return store.query(Sql.of("SELECT count() AS c FROM rastro.messages FINAL WHERE account_id = 'acme' "
                        + "AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')} AND " + condition)
                .bind("f", from()).bind("t", to()), r -> r.getLong("c")).getFirst();
    }

    @Test
    void totalsAndCountsEqualIndependentSqlForEveryFilterCombination() {
        var period = Map.of("from", from().toString(), "to", to().toString());
        for (var c : cases()) {
            var filter = new HashMap<String, Object>(c.filter());
            filter.put("period", period);
            var expected = independentCount(c.sqlCondition());
            var total = Clients.as(port, DemoIdentities.ANA).documentName("messagesTotal")
                    .variable("input", Map.of("filter", filter, "first", 5)).execute()
                    .path("messages.totalCount").entity(Long.class).get();
            assertThat(total).as(c.name()).isEqualTo(expected);
            var counts = Clients.as(port, DemoIdentities.ANA).documentName("counts")
                    .variable("input", Map.of("filter", filter, "groupBy", List.of("STATUS", "SUBACCOUNT"), "bucket", "DAY",
                            "timeZone", "America/Sao_Paulo")).execute();
            assertThat(counts.path("messageCounts.total").entity(Long.class).get()).as(c.name()).isEqualTo(expected);
            var groupSum = counts.path("messageCounts.groups[*].count").entityList(Long.class).get().stream()
                    .mapToLong(Long::longValue).sum();
            assertThat(groupSum).as(c.name()).isEqualTo(expected);
        }
        assertThat(independentCount("1")).isGreaterThan(1000);
    }

    /**
     * Bounds finer than the stored millisecond are rounded up: a message at t lies inside [t - 1 s, t + 0.5 ms)
     * and outside [t + 0.5 ms, t + 1 s). Cut to the millisecond, both bounds would have become t.
     */
    @Test
    void subMillisecondBoundsHoldExactlyTheMessagesInside() {
        var t = store.query(Sql.of("""
                SELECT max(event_time) AS t FROM rastro.messages FINAL WHERE account_id = 'acme'
                  AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')}""")
                .bind("f", from()).bind("t", to()), r -> r.getInstant("t")).getFirst();
        var half = t.plusNanos(500_000);
        assertThat(totalIn(t.minusSeconds(1), half)).isEqualTo(countIn(t.minusSeconds(1), t.plusMillis(1)))
                .isPositive();
        assertThat(totalIn(half, t.plusSeconds(1))).isEqualTo(countIn(t.plusMillis(1), t.plusSeconds(1)));
        // a bound already on the millisecond is kept as it is
        assertThat(totalIn(t.minusSeconds(1), t)).isEqualTo(countIn(t.minusSeconds(1), t));
    }

    private long totalIn(Instant from, Instant to) {
        return Clients.as(port, DemoIdentities.ANA).documentName("messagesTotal")
                .variable("input", Map.of("filter", Map.of("period", Map.of("from", from.toString(), "to", to.toString()))))
                .execute().path("messages.totalCount").entity(Long.class).get();
    }

    private long countIn(Instant from, Instant to) {
        return store.query(Sql.of("SELECT count() AS c FROM rastro.messages FINAL WHERE account_id = 'acme' "
                        + "AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')}")
                .bind("f", from).bind("t", to), r -> r.getLong("c")).getFirst();
    }

    /** With no time zone, buckets are UTC days, and they still add up to the total. */
    @Test
    void countsWithNoTimeZoneAreBucketedInUtc() {
        var filter = Map.of("period", Map.of("from", from().toString(), "to", to().toString()));
        var counts = Clients.as(port, DemoIdentities.ANA).documentName("counts")
                .variable("input", Map.of("filter", filter, "groupBy", List.of("STATUS"), "bucket", "DAY")).execute();
        var buckets = counts.path("messageCounts.groups[*].bucket").entityList(String.class).get();
        assertThat(buckets).isNotEmpty().allSatisfy(b -> assertThat(b).endsWith("T00:00:00.000Z"));
        var groupSum = counts.path("messageCounts.groups[*].count").entityList(Long.class).get().stream()
                .mapToLong(Long::longValue).sum();
        assertThat(groupSum).isEqualTo(independentCount("1"));
    }

    /**
     * Counts are grouped by fixed-size keys where a dimension allows (an enum, a number, a flag, or a text value's
     * position in its list of values when the key is composite) and turned into text afterwards. For every
     * dimension, alone and with a day bucket, and for two text dimensions together, each group's value and count
     * must equal an independent GROUP BY over the stored text, and no group may be missing or extra.
     */
    @Test
    void countsPerDimensionEqualIndependentGroupingOverTheStoredText() {
        var period = Map.of("from", from().toString(), "to", to().toString());
        var asText = Map.ofEntries(
                Map.entry("STATUS", "status"), Map.entry("DIRECTION", "toString(direction)"),
                Map.entry("SUBACCOUNT", "subaccount_id"), Map.entry("USER", "user_id"),
                Map.entry("CAMPAIGN", "campaign_id"), Map.entry("CONTENT_TYPE", "content_type"),
                Map.entry("CONVERSATION_TYPE", "conversation_type"), Map.entry("ERROR_CODE", "toString(error_code)"),
                Map.entry("SENT_WITH_SESSION", "if(direction = 'MO', 'n/a', toString(sent_with_session))"),
                Map.entry("BILLABLE", "if(isNull(pricing_billable), '', toString(pricing_billable))"),
                Map.entry("PRICING_CATEGORY", "pricing_category"),
                Map.entry("FREE_REASON", "CASE pricing_type WHEN 'free_customer_service' THEN 'SERVICE_WINDOW' "
                        + "WHEN 'free_entry_point' THEN 'FREE_ENTRY_POINT' WHEN 'regular' THEN 'NOT_FREE' ELSE '' END"));
        assertThat(asText.keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(Enums.CountDimension.values()).map(Enum::name).toList());
        var filter = Map.of("period", period);
        var saoPauloDay = "toString(toUnixTimestamp(toStartOfDay(event_time, 'America/Sao_Paulo')))";
        asText.forEach((dimension, text) -> {
            var expected = independentGroups(text);
            assertThat(apiGroups(Map.of("filter", filter, "groupBy", List.of(dimension)))).as(dimension)
                    .isEqualTo(expected);
            assertThat(expected).as(dimension + " has groups to compare").isNotEmpty();
            // with a day bucket (a composite key: text dimensions go through their list of values)
            assertThat(apiGroups(Map.of("filter", filter, "groupBy", List.of(dimension), "bucket", "DAY",
                    "timeZone", "America/Sao_Paulo"))).as(dimension + " by day")
                    .isEqualTo(independentGroups(saoPauloDay, text));
        });
        // two text dimensions together, no bucket
        assertThat(apiGroups(Map.of("filter", filter, "groupBy", List.of("CAMPAIGN", "SUBACCOUNT"))))
                .isEqualTo(independentGroups("campaign_id", "subaccount_id"));
    }

    /** Acme's counts over the period grouped by these expressions, keyed by their texts joined with '|'. */
    private Map<String, Long> independentGroups(String... expressions) {
        var select = new StringBuilder("SELECT ");
        var group = new java.util.StringJoiner(", ", " GROUP BY ", "");
        for (int i = 0; i < expressions.length; i++) {
            select.append(expressions[i]).append(" AS k").append(i).append(", ");
            group.add("k" + i);
        }
        var out = new HashMap<String, Long>();
        store.read(Sql.of(select + "count() AS c FROM rastro.messages FINAL WHERE account_id = 'acme' "
                        + "AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')}" + group)
                .bind("f", from()).bind("t", to()), r -> {
            var key = new java.util.StringJoiner("|");
            for (int i = 0; i < expressions.length; i++) {
                key.add(r.getString("k" + i));
            }
            out.put(key.toString(), r.getLong("c"));
        });
        return out;
    }

    /**
     * messageCounts returns at most rastro.report.max-groups (10,000) groups: hourly counts by four dimensions over
     * the test period have more (counted here independently), and are refused with LIMIT_EXCEEDED saying what to
     * change; the same by day, under the cap, is answered whole.
     */
    @Test
    void countsWithMoreGroupsThanTheCapAreRefused() {
        var period = Map.of("from", from().toString(), "to", to().toString());
        var dimensions = List.of("SUBACCOUNT", "STATUS", "CONTENT_TYPE", "USER");
        var hourly = independentGroups("toString(toUnixTimestamp(toStartOfHour(event_time, 'UTC')))", "subaccount_id",
                "status", "content_type", "user_id");
        assertThat(hourly.size()).as("the case exceeds the cap").isGreaterThan(10_000);
        Clients.as(port, DemoIdentities.ANA).documentName("counts").variable("input", Map.of("filter",
                Map.of("period", period), "groupBy", dimensions, "bucket", "HOUR")).execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().getExtensions()).containsEntry("code", "LIMIT_EXCEEDED")
                    .containsEntry("field", "input.groupBy");
            assertThat(errors.getFirst().getMessage()).contains("more than 10000 groups").contains("coarser bucket");
        });
        var daily = independentGroups("toString(toUnixTimestamp(toStartOfDay(event_time, 'UTC')))", "subaccount_id",
                "status");
        assertThat(daily.size()).isLessThan(10_000);
        assertThat(apiGroups(Map.of("filter", Map.of("period", period), "groupBy", List.of("SUBACCOUNT", "STATUS"),
                "bucket", "DAY"))).isEqualTo(daily);
    }

    /**
     * The SENT_WITH_SESSION groups agree with the filter: "false" holds exactly what sentWithSession: false
     * matches (MT only), "true" what true matches, and MO messages are "n/a", as many as direction: MO.
     */
    @Test
    void sentWithSessionGroupsAgreeWithTheFilter() {
        var period = Map.of("from", from().toString(), "to", to().toString());
        var groups = apiGroups(Map.of("filter", Map.of("period", period), "groupBy", List.of("SENT_WITH_SESSION")));
        assertThat(groups.keySet()).containsExactlyInAnyOrder("true", "false", "n/a");
        for (var filter : List.<Map.Entry<String, Map<String, Object>>>of(
                Map.entry("false", Map.of("sentWithSession", false)), Map.entry("true", Map.of("sentWithSession", true)),
                Map.entry("n/a", Map.of("direction", "MO")))) {
            var f = new HashMap<>(filter.getValue());
            f.put("period", period);
            var total = Clients.as(port, DemoIdentities.ANA).documentName("messagesTotal")
                    .variable("input", Map.of("filter", f, "first", 1)).execute()
                    .path("messages.totalCount").entity(Long.class).get();
            assertThat(groups.get(filter.getKey())).as(filter.getKey()).isEqualTo(total).isPositive();
        }
    }

    /** messageCounts for this input, each group keyed as {@link #independentGroups} keys it (bucket first). */
    private Map<String, Long> apiGroups(Map<String, Object> input) {
        var groups = Clients.as(port, DemoIdentities.ANA).documentName("counts").variable("input", input).execute()
                .path("messageCounts.groups").entityList(Map.class).get();
        var out = new HashMap<String, Long>();
        for (var group : groups) {
            var key = new java.util.StringJoiner("|");
            if (group.get("bucket") instanceof String bucket) {
                key.add(Long.toString(java.time.OffsetDateTime.parse(bucket).toEpochSecond()));
            }
            for (var k : (List<?>) group.get("keys")) {
                key.add((String) ((Map<?, ?>) k).get("value"));
            }
            out.put(key.toString(), ((Number) group.get("count")).longValue());
        }
        return out;
    }

    @Test
    void dailyBucketsFollowTheRequestedTimeZone() {
        var period = Map.of("from", from().toString(), "to", to().toString());
        var groups = Clients.as(port, DemoIdentities.ANA).documentName("counts")
                .variable("input", Map.of("filter", Map.of("period", period, "direction", "MT"), "groupBy", List.of(),
                        "bucket", "DAY", "timeZone", "America/Sao_Paulo")).execute()
                .path("messageCounts.groups[*].bucket").entityList(String.class).get();
        assertThat(groups).isNotEmpty().allSatisfy(b -> assertThat(b).endsWith("T00:00:00.000-03:00"));
        var expected = store.query(Sql.of("""
                SELECT toStartOfDay(event_time, 'America/Sao_Paulo') AS d, count() AS c FROM rastro.messages FINAL
                WHERE account_id = 'acme' AND direction = 'MT' AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')}
                GROUP BY d ORDER BY d LIMIT 1""").bind("f", from()).bind("t", to()), r -> r.getLong("c")).getFirst();
        var first = Clients.as(port, DemoIdentities.ANA).documentName("counts")
                .variable("input", Map.of("filter", Map.of("period", period, "direction", "MT"), "groupBy", List.of(),
                        "bucket", "DAY", "timeZone", "America/Sao_Paulo")).execute()
                .path("messageCounts.groups[0].count").entity(Long.class).get();
        assertThat(first).isEqualTo(expected);
    }

    @Test
    void injectionStringsInEveryStringFilterAreTreatedAsData() {
        var period = Map.of("from", from().toString(), "to", to().toString());
        var nasty = "x' OR 1=1 OR 'a'='a";
        for (var field : List.of("correlationId", "conversationId", "users", "campaigns")) {
            var value = field.equals("users") || field.equals("campaigns") ? (Object) List.of(nasty, "'); DROP TABLE rastro.messages; --")
                    : nasty;
            Clients.as(port, DemoIdentities.ANA).documentName("messagesTotal")
                    .variable("input", Map.of("filter", Map.of("period", period, field, value))).execute()
                    .path("messages.totalCount").entity(Long.class).isEqualTo(0L);
        }
        Clients.as(port, DemoIdentities.ANA).documentName("messagesTotal")
                .variable("input", Map.of("filter", Map.of("period", period, "contact", "BR.1' OR '1'='1")))
                .execute().errors().expect(e -> e.getErrorType().toString().equals("BAD_REQUEST")).verify();
        assertThat(independentCount("1")).isGreaterThan(1000);
    }

    @Test
    void conversationsCountBothDirectionsAndPageWithoutRepeats() {
        var period = Map.of("from", from().toString(), "to", to().toString());
        var expected = conversationsStartedIn(from(), to(), "1");
        var response = Clients.as(port, DemoIdentities.ANA).documentName("conversations")
                .variable("input", Map.of("filter", Map.of("period", period), "first", 200)).execute();
        response.path("conversations.totalCount").entity(Long.class).isEqualTo(expected);
        var ids = response.path("conversations.edges[*].node.id").entityList(String.class).get();
        assertThat(ids).doesNotHaveDuplicates().hasSize(200);
        var next = Clients.as(port, DemoIdentities.ANA).documentName("conversations")
                .variable("input", Map.of("filter", Map.of("period", period), "first", 200,
                        "after", response.path("conversations.pageInfo.endCursor").entity(String.class).get())).execute()
                .path("conversations.edges[*].node.id").entityList(String.class).get();
        assertThat(next).isNotEmpty().doesNotContainAnyElementsOf(ids);
        var withReplies = store.query(Sql.of("""
                SELECT conversation_id, countIf(direction = 'MT') AS mt, countIf(direction = 'MO') AS mo
                FROM rastro.messages FINAL WHERE account_id = 'acme' AND direction = 'MO' AND conversation_id != ''
                  AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')}
                GROUP BY conversation_id LIMIT 1""").bind("f", from()).bind("t", to()),
                r -> r.getString("conversation_id")).getFirst();
        var one = Clients.as(port, DemoIdentities.ANA).documentName("conversations")
                .variable("input", Map.of("filter", Map.of("period", period, "conversationId", withReplies))).execute();
        one.path("conversations.totalCount").entity(Long.class).isEqualTo(1L);
        var supportOnly = conversationsStartedIn(from(), to(),
                "subaccount_id = 'acme-support' AND campaign_id = 'cmp-acme-support-csat'", "subaccount_id = 'acme-support'");
        var filtered = Clients.as(port, DemoIdentities.CARLA).documentName("conversations")
                .variable("input", Map.of("filter", Map.of("period", period, "subaccounts", List.of("acme-support"),
                        "campaigns", List.of("cmp-acme-support-csat")))).execute();
        filtered.path("conversations.totalCount").entity(Long.class).isEqualTo(supportOnly);
        filtered.path("conversations.edges[*].node.subaccount.id").entityList(String.class)
                .satisfies(subs -> assertThat(subs).isNotEmpty().containsOnly("acme-support"));
        one.path("conversations.edges[0].node.receivedCount").entity(Long.class)
                .satisfies(n -> assertThat(n).isPositive());
    }

    /**
     * Acme's conversations that started in [from, to) over all their messages, among those with a message matching
     * {@code condition}.
     */
    private long conversationsStartedIn(Instant from, Instant to, String condition) {
        return conversationsStartedIn(from, to, condition, "1");
    }

    /** The same, with the conversations' messages limited to {@code scope} (the subaccounts a caller may see). */
    private long conversationsStartedIn(Instant from, Instant to, String condition, String scope) {
        return store.query(Sql.of("SELECT count() AS c FROM ("
                        + " SELECT conversation_id, min(event_time) AS s FROM rastro.messages FINAL"
                        + " WHERE account_id = 'acme' AND (" + scope + ") AND conversation_id IN ("
                        + "   SELECT conversation_id FROM rastro.messages FINAL"
                        + "   WHERE account_id = 'acme' AND conversation_id != '' AND (" + condition + "))"
                        + " GROUP BY conversation_id"
                        + " HAVING s >= {f:DateTime64(3, 'UTC')} AND s < {t:DateTime64(3, 'UTC')})")
                .bind("f", from).bind("t", to), r -> r.getLong("c")).getFirst();
    }

    /**
     * The period picks conversations by their start, and the start and counts are the whole conversation's: a
     * period that begins between a conversation's first and last message leaves it out, and one that holds only its
     * first message shows it whole.
     */
    @Test
    void conversationsArePickedByTheirStartAndShownWhole() {
        var conversation = store.query(Sql.of("""
                SELECT conversation_id, min(event_time) AS first, max(event_time) AS last,
                       countIf(direction = 'MT') AS mt, countIf(direction = 'MO') AS mo
                FROM rastro.messages FINAL WHERE account_id = 'acme' AND conversation_id != ''
                  AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')}
                GROUP BY conversation_id HAVING count() >= 2 AND last > first + INTERVAL 1 SECOND
                ORDER BY conversation_id LIMIT 1""").bind("f", from()).bind("t", to()),
                r -> List.of(r.getString("conversation_id"), r.getInstant("first"), r.getInstant("last"),
                        r.getLong("mt"), r.getLong("mo"))).getFirst();
        var id = (String) conversation.get(0);
        var first = (Instant) conversation.get(1);
        var last = (Instant) conversation.get(2);
        // a period from just after its start to just after its end: it started before, so it is not listed
        var later = Map.of("from", first.plusMillis(1).toString(), "to", last.plusMillis(1).toString());
        Clients.as(port, DemoIdentities.ANA).documentName("conversations")
                .variable("input", Map.of("filter", Map.of("period", later, "conversationId", id))).execute()
                .path("conversations.totalCount").entity(Long.class).isEqualTo(0L);
        var laterIds = Clients.as(port, DemoIdentities.ANA).documentName("conversations")
                .variable("input", Map.of("filter", Map.of("period", later), "first", 500)).execute()
                .path("conversations.edges[*].node.id").entityList(String.class).get();
        assertThat(laterIds).doesNotContain(id);
        // a period holding only its first message: listed, with the start and the counts of all its messages
        var start = Map.of("from", first.toString(), "to", first.plusMillis(1).toString());
        var one = Clients.as(port, DemoIdentities.ANA).documentName("conversations")
                .variable("input", Map.of("filter", Map.of("period", start, "conversationId", id))).execute();
        one.path("conversations.totalCount").entity(Long.class).isEqualTo(1L);
        one.path("conversations.edges[0].node.startedAt").entity(String.class)
                .satisfies(s -> assertThat(Instant.parse(s)).isEqualTo(first));
        one.path("conversations.edges[0].node.sentCount").entity(Long.class).isEqualTo((Long) conversation.get(3));
        one.path("conversations.edges[0].node.receivedCount").entity(Long.class).isEqualTo((Long) conversation.get(4));
        // the whole account over a short period: exactly the conversations that started in it
        var hourFrom = first.minus(3, ChronoUnit.HOURS);
        var hourTo = first.plus(3, ChronoUnit.HOURS);
        Clients.as(port, DemoIdentities.ANA).documentName("conversations")
                .variable("input", Map.of("filter", Map.of("period", Map.of("from", hourFrom.toString(),
                        "to", hourTo.toString())))).execute()
                .path("conversations.totalCount").entity(Long.class)
                .isEqualTo(conversationsStartedIn(hourFrom, hourTo, "1"));
    }

    @Test
    void quickReplyClicksMatchTheTapsPerCampaignAndButton() {
        var period = Map.of("from", from().toString(), "to", to().toString());
        var expected = store.query(Sql.of("""
                SELECT campaign_id, button_payload, count() AS c FROM rastro.messages FINAL
                WHERE account_id = 'acme' AND direction = 'MO' AND button_payload != ''
                  AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')}
                GROUP BY campaign_id, button_payload""").bind("f", from()).bind("t", to()),
                r -> r.getString("campaign_id") + "/" + r.getString("button_payload") + "=" + r.getLong("c"));
        var response = Clients.as(port, DemoIdentities.ANA).documentName("quickReplies")
                .variable("input", Map.of("period", period)).execute();
        var campaigns = response.path("quickReplyClicks[*].campaign.id").entityList(String.class).get();
        var payloads = response.path("quickReplyClicks[*].button.payload").entityList(String.class).get();
        var counts = response.path("quickReplyClicks[*].count").entityList(Long.class).get();
        var actual = new java.util.ArrayList<String>();
        for (int i = 0; i < counts.size(); i++) {
            actual.add(campaigns.get(i) + "/" + payloads.get(i) + "=" + counts.get(i));
        }
        assertThat(actual).isNotEmpty().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counts).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }
}
