package io.rastro.security;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.domain.ContentType;
import io.rastro.domain.ConversationType;
import io.rastro.domain.MessageStatus;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Carla may see acme-support only, whatever she filters on. Sixty random filters (fixed seed, so a failure
 * replays) go through GraphQL {@code messages} and {@code messageCounts} as carla; every row on the page must be
 * acme-support's, and both totals must equal a count written here, independently of the report's SQL builder,
 * over acme-support's rows only.
 */
@IntegrationTest
class SubaccountScopePropertyTest {

    static final long SEED = 20261120L;
    static final int RUNS = 60;

    /** The statuses a stored row holds: those of the precedence, and an MO message's RECEIVED. */
    static final List<String> STATUSES = Arrays.stream(MessageStatus.values())
            .filter(st -> st.rank() != null || st == MessageStatus.RECEIVED).map(Enum::name).toList();
    static final List<String> CONTENT_TYPES = Arrays.stream(ContentType.values()).filter(ContentType::fromEvents)
            .map(Enum::name).toList();
    static final List<String> CONVERSATION_TYPES = Arrays.stream(ConversationType.values()).map(Enum::name).toList();
    static final List<Integer> ERROR_CODES = List.of(131026, 131047, 131049, 131050, 131048, 130472, 131056, 130429);
    /** Campaigns of every subaccount and both tenants: most of them must count nothing for carla. */
    static final List<String> CAMPAIGNS = DemoIdentities.TENANTS.stream()
            .flatMap(t -> t.campaigns().stream().map(DemoIdentities.Campaign::id)).toList();

    @LocalServerPort
    int port;
    @Autowired
    Store store;

    /** One random filter, as the GraphQL variables and as the values of the independent count. */
    record Filter(Instant from, Instant to, String direction, List<String> statuses, List<String> contentTypes,
                  List<String> campaigns, Boolean sentWithSession, List<String> conversationTypes,
                  List<Integer> errorCodes, boolean namesSupport) {

        Map<String, Object> graphQl() {
            var f = new LinkedHashMap<String, Object>();
            f.put("period", Map.of("from", from.toString(), "to", to.toString()));
            if (direction != null) {
                f.put("direction", direction);
            }
            put(f, "statuses", statuses);
            put(f, "contentTypes", contentTypes);
            put(f, "campaigns", campaigns);
            if (sentWithSession != null) {
                f.put("sentWithSession", sentWithSession);
            }
            put(f, "conversationTypes", conversationTypes);
            put(f, "errorCodes", errorCodes);
            if (namesSupport) {
                f.put("subaccounts", List.of("acme-support"));
            }
            return f;
        }

        private static void put(Map<String, Object> f, String name, List<?> values) {
            if (!values.isEmpty()) {
                f.put(name, values);
            }
        }
    }

    static Filter random(Random random, Instant now) {
        var from = now.minus(Duration.ofMinutes(random.nextLong(90L * 24 * 60))).truncatedTo(ChronoUnit.SECONDS);
        var to = from.plus(Duration.ofMinutes(60 + random.nextLong(30L * 24 * 60)));
        if (to.isAfter(now)) {
            to = now.plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        }
        var direction = switch (random.nextInt(3)) {
            case 0 -> "MT";
            case 1 -> "MO";
            default -> null;
        };
        return new Filter(from, to, direction,
                random.nextInt(10) < 4 ? subset(random, STATUSES) : List.of(),
                random.nextInt(10) < 4 ? subset(random, CONTENT_TYPES) : List.of(),
                random.nextInt(10) < 3 ? subset(random, CAMPAIGNS) : List.of(),
                random.nextInt(10) < 3 ? random.nextBoolean() : null,
                random.nextInt(10) < 3 ? subset(random, CONVERSATION_TYPES) : List.of(),
                random.nextInt(10) < 2 ? subset(random, ERROR_CODES) : List.of(),
                random.nextInt(10) < 2);
    }

    static <T> List<T> subset(Random random, List<T> values) {
        var out = new ArrayList<T>();
        for (var v : values) {
            if (random.nextBoolean()) {
                out.add(v);
            }
        }
        if (out.isEmpty()) {
            out.add(values.get(random.nextInt(values.size())));
        }
        return out;
    }

    /** The count carla must get, written from the contract's words rather than from MessageSql. */
    long expectedCount(Filter f, String subaccount) {
        var sql = new StringBuilder("""
                SELECT count() AS c FROM rastro.messages FINAL
                WHERE account_id = {account:String}
                  AND event_time >= {from:DateTime64(3, 'UTC')} AND event_time < {to:DateTime64(3, 'UTC')}""");
        if (subaccount != null) {
            sql.append("\n  AND subaccount_id = {subaccount:String}");
        }
        if (f.direction() != null) {
            sql.append("\n  AND direction = {direction:String}");
        }
        if (!f.statuses().isEmpty()) {
            sql.append("\n  AND has({statuses:Array(String)}, status)");
        }
        if (!f.contentTypes().isEmpty()) {
            sql.append("\n  AND has({content_types:Array(String)}, content_type)");
        }
        if (!f.campaigns().isEmpty()) {
            sql.append("\n  AND has({campaigns:Array(String)}, campaign_id)");
        }
        if (f.sentWithSession() != null) {
            // "true: only MT sent inside an open 24 h window; false: only MT sent outside one"
            sql.append("\n  AND direction = 'MT' AND sent_with_session = {session:Bool}");
        }
        if (!f.conversationTypes().isEmpty()) {
            sql.append("\n  AND has({conversation_types:Array(String)}, conversation_type)");
        }
        if (!f.errorCodes().isEmpty()) {
            sql.append("\n  AND has({error_codes:Array(UInt32)}, error_code)");
        }
        var statement = Sql.of(sql.toString()).bind("account", DemoIdentities.ACME).bind("from", f.from())
                .bind("to", f.to()).bind("subaccount", subaccount).bind("direction", f.direction())
                .bind("statuses", f.statuses()).bind("content_types", f.contentTypes()).bind("campaigns", f.campaigns())
                .bind("session", f.sentWithSession()).bind("conversation_types", f.conversationTypes())
                .bind("error_codes", f.errorCodes());
        return store.query(statement, r -> r.getLong("c")).getFirst();
    }

    @Test
    void noRandomFilterShowsCarlaAnythingOutsideAcmeSupport() {
        var random = new Random(SEED);
        var now = Instant.now();
        var carla = Clients.as(port, DemoIdentities.CARLA);
        int withRows = 0;
        long hiddenFromCarla = 0;
        for (int run = 0; run < RUNS; run++) {
            var f = random(random, now);
            var expected = expectedCount(f, "acme-support");
            var why = "run " + run + " (seed " + SEED + "): " + f.graphQl();

            var page = carla.documentName("security/scopedMessages")
                    .variable("input", Map.of("filter", f.graphQl(), "first", 500)).execute();
            page.path("messages.totalCount").entity(Long.class).satisfies(total ->
                    assertThat(total).as(why).isEqualTo(expected));
            var ids = page.path("messages.edges").entityList(Object.class).get().isEmpty() ? List.<String>of()
                    : page.path("messages.edges[*].node.subaccount.id").entityList(String.class).get();
            assertThat(ids).as(why).hasSize((int) Math.min(expected, 500)).allMatch("acme-support"::equals);

            var counts = carla.documentName("security/messageCounts")
                    .variable("input", Map.of("filter", f.graphQl(), "groupBy", List.of("SUBACCOUNT", "DIRECTION")))
                    .execute();
            counts.path("messageCounts.total").entity(Long.class).satisfies(total ->
                    assertThat(total).as(why).isEqualTo(expected));
            if (expected > 0) {
                counts.path("messageCounts.groups[*].keys[0].value").entityList(String.class)
                        .satisfies(keys -> assertThat(keys).as(why).containsOnly("acme-support"));
                counts.path("messageCounts.groups[*].count").entityList(Long.class)
                        .satisfies(c -> assertThat(c.stream().mapToLong(Long::longValue).sum()).as(why).isEqualTo(expected));
                withRows++;
            }
            hiddenFromCarla += expectedCount(f, null) - expected;
        }
        assertThat(withRows).as("enough filters match some of carla's rows to mean something").isGreaterThan(RUNS / 3);
        assertThat(hiddenFromCarla).as("the same filters match rows of the other subaccounts, which she did not get")
                .isGreaterThan(1000);
    }
}
