package io.rastro.security;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, for every GraphQL operation: one row is an operation's document and variables, a caller and
 * the expected outcome. Every operation has rows for its rightful caller (succeeds, with values checked), a user
 * of another account, a subaccount user reaching outside her subaccount, an ingestion token, an anonymous request
 * and a revoked token. On every row, whatever the outcome, the response must not contain another tenant's (or,
 * for a subaccount-limited caller, another subaccount's) identifiers unless the caller sent them.
 *
 * <p><b>Adding an operation:</b> put its document under {@code graphql-test/}, write a {@code rows} block like the
 * ones below (at least the six callers above), and append it to {@link #rows()}. Use {@link Fixtures} for ids
 * that exist only at run time; add a post-condition with {@link Expect#andThen} when a refused mutation must be
 * shown to have changed nothing.
 */
@IntegrationTest
class IsolationMatrixTest {

    // ---------------------------------------------------------------- the matrix

    static Stream<Row> rows() {
        return Stream.of(me(), messages(), message(), conversations(), messageCounts(), quickReplyClicks(),
                apiTokens(), createApiToken(), revokeApiToken(), freshness()).flatMap(s -> s);
    }

    static Stream<Row> me() {
        return Stream.of(
                row("me", "me", f -> Map.of(), Caller.ANA, ok("acme, all of it", (r, f) -> r
                        .path("me.account.id").entity(String.class).isEqualTo("acme")
                        .path("me.subaccounts[*].id").entityList(String.class)
                        .containsExactly("acme-marketing", "acme-sales", "acme-support"))),
                row("me", "me", f -> Map.of(), Caller.BRUNO, ok("globex only", (r, f) -> r
                        .path("me.account.id").entity(String.class).isEqualTo("globex")
                        .path("me.subaccounts[*].id").entityList(String.class).containsExactly("globex-ops", "globex-retail"))),
                row("me", "me", f -> Map.of(), Caller.CARLA, ok("acme-support only", (r, f) -> r
                        .path("me.role").entity(String.class).isEqualTo("SUBACCOUNT_USER")
                        .path("me.subaccounts[*].id").entityList(String.class).containsExactly("acme-support"))),
                row("me", "me", f -> Map.of(), Caller.SUPPORT_READ_TOKEN, ok("acme-support only", (r, f) -> r
                        .path("me.role").entity(String.class).isEqualTo("READ_TOKEN")
                        .path("me.subaccounts[*].id").entityList(String.class).containsExactly("acme-support"))),
                // who-am-I is harmless for an ingestion client and helps it check its configuration
                row("me", "me", f -> Map.of(), Caller.ACME_INGEST_TOKEN, ok("its own identity", (r, f) -> r
                        .path("me.role").entity(String.class).isEqualTo("INGEST_TOKEN")
                        .path("me.account.id").entity(String.class).isEqualTo("acme"))),
                row("me", "me", f -> Map.of(), Caller.ANONYMOUS, fails("UNAUTHORIZED")),
                row("me", "me", f -> Map.of(), Caller.REVOKED_TOKEN, fails("UNAUTHORIZED")));
    }

    static Stream<Row> messages() {
        var doc = "security/scopedMessages";
        return Stream.of(
                row("messages", doc, f -> page(f, Map.of("subaccounts", List.of("acme-sales"))), Caller.ANA,
                        ok("acme-sales rows", (r, f) -> rowsOnlyFrom(r, "messages", "acme-sales"))),
                row("messages", doc, f -> page(f, Map.of()), Caller.ACME_BI_TOKEN,
                        ok("acme rows", (r, f) -> rowsOnlyFrom(r, "messages", "acme-marketing", "acme-sales", "acme-support"))),
                row("messages", doc, f -> page(f, Map.of()), Caller.CARLA,
                        ok("acme-support rows only", (r, f) -> rowsOnlyFrom(r, "messages", "acme-support"))),
                row("messages", doc, f -> page(f, Map.of()), Caller.SUPPORT_READ_TOKEN,
                        ok("acme-support rows only", (r, f) -> rowsOnlyFrom(r, "messages", "acme-support"))),
                // another tenant's subaccount is outside an admin's scope too: FORBIDDEN, with the same message as
                // an id that exists nowhere, so it says nothing about whether it exists
                row("messages", doc, f -> page(f, Map.of("subaccounts", List.of("acme-sales"))), Caller.BRUNO,
                        fails("FORBIDDEN")),
                row("messages", doc, f -> page(f, Map.of("conversationId", f.salesConversationId())), Caller.BRUNO,
                        ok("nothing of acme's conversation", (r, f) -> noRows(r, "messages"))),
                row("messages", doc, f -> page(f, Map.of("subaccounts", List.of("acme-sales"))), Caller.CARLA,
                        fails("FORBIDDEN")),
                row("messages", doc, f -> page(f, Map.of("subaccounts", List.of("acme-support", "acme-sales"))),
                        Caller.CARLA, fails("FORBIDDEN")),
                row("messages", doc, f -> page(f, Map.of("conversationId", f.salesConversationId())), Caller.CARLA,
                        ok("nothing of an acme-sales conversation", (r, f) -> noRows(r, "messages"))),
                row("messages", doc, f -> page(f, Map.of("subaccounts", List.of("acme-sales"))),
                        Caller.SUPPORT_READ_TOKEN, fails("FORBIDDEN")),
                row("messages", doc, f -> page(f, Map.of()), Caller.ACME_INGEST_TOKEN, fails("FORBIDDEN")),
                row("messages", doc, f -> page(f, Map.of()), Caller.ANONYMOUS, fails("UNAUTHORIZED")),
                row("messages", doc, f -> page(f, Map.of()), Caller.REVOKED_TOKEN, fails("UNAUTHORIZED")));
    }

    static Stream<Row> message() {
        return Stream.of(
                row("message", "message", f -> Map.of("id", f.salesMessageId()), Caller.ANA, ok("the message", (r, f) -> r
                        .path("message.id").entity(String.class).isEqualTo(f.salesMessageId())
                        .path("message.subaccount.id").entity(String.class).isEqualTo("acme-sales"))),
                row("message", "message", f -> Map.of("id", f.supportMessageId()), Caller.CARLA, ok("her message",
                        (r, f) -> r.path("message.subaccount.id").entity(String.class).isEqualTo("acme-support"))),
                row("message", "message", f -> Map.of("id", f.salesMessageId()), Caller.BRUNO, fails("NOT_FOUND")),
                row("message", "message", f -> Map.of("id", f.salesMessageId()), Caller.CARLA, fails("NOT_FOUND")),
                row("message", "message", f -> Map.of("id", f.salesMessageId()), Caller.SUPPORT_READ_TOKEN,
                        fails("NOT_FOUND")),
                row("message", "message", f -> Map.of("id", f.globexMessageId()), Caller.ANA, fails("NOT_FOUND")),
                row("message", "message", f -> Map.of("id", f.salesMessageId()), Caller.ACME_INGEST_TOKEN,
                        fails("FORBIDDEN")),
                row("message", "message", f -> Map.of("id", f.salesMessageId()), Caller.ANONYMOUS, fails("UNAUTHORIZED")),
                row("message", "message", f -> Map.of("id", f.salesMessageId()), Caller.REVOKED_TOKEN,
                        fails("UNAUTHORIZED")));
    }

    static Stream<Row> conversations() {
        var doc = "security/conversations";
        return Stream.of(
                row("conversations", doc, f -> page(f, Map.of("subaccounts", List.of("acme-sales"))), Caller.ANA,
                        ok("acme-sales conversations", (r, f) -> rowsOnlyFrom(r, "conversations", "acme-sales"))),
                row("conversations", doc, f -> page(f, Map.of()), Caller.CARLA,
                        ok("acme-support conversations only", (r, f) -> rowsOnlyFrom(r, "conversations", "acme-support"))),
                row("conversations", doc, f -> page(f, Map.of("subaccounts", List.of("acme-sales"))), Caller.BRUNO,
                        fails("FORBIDDEN")),
                row("conversations", doc, f -> page(f, Map.of("conversationId", f.salesConversationId())), Caller.BRUNO,
                        ok("nothing of acme's", (r, f) -> noRows(r, "conversations"))),
                row("conversations", doc, f -> page(f, Map.of("subaccounts", List.of("acme-sales"))), Caller.CARLA,
                        fails("FORBIDDEN")),
                row("conversations", doc, f -> page(f, Map.of("conversationId", f.salesConversationId())), Caller.CARLA,
                        ok("nothing of acme-sales'", (r, f) -> noRows(r, "conversations"))),
                row("conversations", doc, f -> page(f, Map.of()), Caller.ACME_INGEST_TOKEN, fails("FORBIDDEN")),
                row("conversations", doc, f -> page(f, Map.of()), Caller.ANONYMOUS, fails("UNAUTHORIZED")),
                row("conversations", doc, f -> page(f, Map.of()), Caller.REVOKED_TOKEN, fails("UNAUTHORIZED")));
    }

    static Stream<Row> messageCounts() {
        var doc = "security/messageCounts";
        return Stream.of(
                row("messageCounts", doc, f -> counts(f, Map.of()), Caller.ANA,
                        ok("acme's subaccounts", (r, f) -> countKeysOnly(r, "acme-marketing", "acme-sales", "acme-support"))),
                row("messageCounts", doc, f -> counts(f, Map.of()), Caller.BRUNO,
                        ok("globex's subaccounts", (r, f) -> countKeysOnly(r, "globex-ops", "globex-retail"))),
                row("messageCounts", doc, f -> counts(f, Map.of("subaccounts", List.of("acme-sales"))), Caller.BRUNO,
                        fails("FORBIDDEN")),
                row("messageCounts", doc, f -> counts(f, Map.of()), Caller.CARLA,
                        ok("acme-support only", (r, f) -> countKeysOnly(r, "acme-support"))),
                row("messageCounts", doc, f -> counts(f, Map.of("subaccounts", List.of("acme-sales"))), Caller.CARLA,
                        fails("FORBIDDEN")),
                row("messageCounts", doc, f -> counts(f, Map.of("campaigns", List.of("cmp-acme-onboarding"))),
                        Caller.CARLA, ok("an acme-sales campaign counts nothing", (r, f) -> r
                                .path("messageCounts.total").entity(Long.class).isEqualTo(0L))),
                row("messageCounts", doc, f -> counts(f, Map.of()), Caller.ACME_INGEST_TOKEN, fails("FORBIDDEN")),
                row("messageCounts", doc, f -> counts(f, Map.of()), Caller.ANONYMOUS, fails("UNAUTHORIZED")),
                row("messageCounts", doc, f -> counts(f, Map.of()), Caller.REVOKED_TOKEN, fails("UNAUTHORIZED")));
    }

    static Stream<Row> quickReplyClicks() {
        var doc = "security/quickReplyClicks";
        return Stream.of(
                row("quickReplyClicks", doc, f -> clicks(f, Map.of()), Caller.ANA, ok("acme campaigns' taps", (r, f) -> r
                        .path("quickReplyClicks[*].campaign.id").entityList(String.class).satisfies(ids -> assertThat(ids)
                                .isNotEmpty().allMatch(id -> id.startsWith("cmp-acme-"))))),
                row("quickReplyClicks", doc, f -> clicks(f, Map.of("campaigns", List.of("cmp-acme-black-friday"))),
                        Caller.BRUNO, ok("none of acme's", (r, f) -> r
                                .path("quickReplyClicks").entityList(Object.class).hasSize(0))),
                row("quickReplyClicks", doc, f -> clicks(f, Map.of("subaccounts", List.of("acme-sales"))), Caller.BRUNO,
                        fails("FORBIDDEN")),
                row("quickReplyClicks", doc, f -> clicks(f, Map.of()), Caller.CARLA, ok("acme-support campaigns' taps",
                        (r, f) -> r.path("quickReplyClicks[*].campaign.id").entityList(String.class).satisfies(ids ->
                                assertThat(ids).isNotEmpty().containsOnly("cmp-acme-support-csat")))),
                row("quickReplyClicks", doc, f -> clicks(f, Map.of("campaigns", List.of("cmp-acme-black-friday"))),
                        Caller.CARLA, ok("none of acme-marketing's", (r, f) -> r
                                .path("quickReplyClicks").entityList(Object.class).hasSize(0))),
                row("quickReplyClicks", doc, f -> clicks(f, Map.of("subaccounts", List.of("acme-marketing"))),
                        Caller.CARLA, fails("FORBIDDEN")),
                row("quickReplyClicks", doc, f -> clicks(f, Map.of()), Caller.ACME_INGEST_TOKEN, fails("FORBIDDEN")),
                row("quickReplyClicks", doc, f -> clicks(f, Map.of()), Caller.ANONYMOUS, fails("UNAUTHORIZED")),
                row("quickReplyClicks", doc, f -> clicks(f, Map.of()), Caller.REVOKED_TOKEN, fails("UNAUTHORIZED")));
    }

    /** No arguments to abuse: what matters is that each caller sees its own account's sources only. */
    static Stream<Row> freshness() {
        var doc = "security/freshness";
        return Stream.of(
                row("freshness", doc, f -> Map.of(), Caller.ANA, ok("acme's sources", (r, f) -> r
                        .path("freshness.dataAsOf").hasValue()
                        .path("freshness.sources[*].name").entityList(String.class).contains("demo")
                        .satisfies(names -> assertThat(names).noneMatch(n -> n.contains("globex"))))),
                row("freshness", doc, f -> Map.of(), Caller.BRUNO, ok("globex's sources", (r, f) -> r
                        .path("freshness.dataAsOf").hasValue()
                        .path("freshness.sources[*].name").entityList(String.class).contains("demo")
                        .satisfies(names -> assertThat(names).noneMatch(n -> n.contains("acme"))))),
                row("freshness", doc, f -> Map.of(), Caller.CARLA, ok("the account's dataAsOf, no source names",
                        (r, f) -> r.path("freshness.dataAsOf").hasValue()
                                .path("freshness.sources").entityList(Object.class).hasSize(0))),
                row("freshness", doc, f -> Map.of(), Caller.ACME_INGEST_TOKEN, fails("FORBIDDEN")),
                row("freshness", doc, f -> Map.of(), Caller.ANONYMOUS, fails("UNAUTHORIZED")),
                row("freshness", doc, f -> Map.of(), Caller.REVOKED_TOKEN, fails("UNAUTHORIZED")));
    }

    static Stream<Row> apiTokens() {
        var doc = "security/apiTokens";
        return Stream.of(
                row("apiTokens", doc, f -> Map.of(), Caller.ANA, ok("acme's tokens", (r, f) -> r
                        .path("apiTokens[*].id").entityList(String.class).contains("acmebi00", "acmeing0", f.victimTokenId()))),
                row("apiTokens", doc, f -> Map.of(), Caller.BRUNO, ok("globex's tokens only", (r, f) -> r
                        .path("apiTokens[*].id").entityList(String.class).contains("globexi0")
                        .doesNotContain("acmebi00", f.victimTokenId()))),
                row("apiTokens", doc, f -> Map.of(), Caller.CARLA, fails("FORBIDDEN")),
                row("apiTokens", doc, f -> Map.of(), Caller.ACME_BI_TOKEN, fails("FORBIDDEN")),
                row("apiTokens", doc, f -> Map.of(), Caller.ACME_INGEST_TOKEN, fails("FORBIDDEN")),
                row("apiTokens", doc, f -> Map.of(), Caller.ANONYMOUS, fails("UNAUTHORIZED")),
                row("apiTokens", doc, f -> Map.of(), Caller.REVOKED_TOKEN, fails("UNAUTHORIZED")));
    }

    static final String REFUSED_TOKEN_NAME = "matrix: a refused creation";

    static Stream<Row> createApiToken() {
        var doc = "security/createApiToken";
        Function<Fixtures, Map<String, Object>> salesReader = f -> Map.of("input", Map.of("name", REFUSED_TOKEN_NAME,
                "role", "READ_TOKEN", "subaccounts", List.of("acme-sales")));
        Consumer<Fixtures> nothingCreated = f -> assertThat(f.tokens().list("acme").stream()
                .map(ApiTokens.ApiToken::name)).doesNotContain(REFUSED_TOKEN_NAME);
        return Stream.of(
                row("createApiToken", doc, f -> Map.of("input", Map.of("name", "matrix: sales dashboard",
                        "role", "READ_TOKEN", "subaccounts", List.of("acme-sales"))), Caller.ANA, ok("a sales read token",
                        (r, f) -> r.path("createApiToken.token.subaccounts").entityList(String.class).containsExactly("acme-sales")
                                .path("createApiToken.secret").entity(String.class).satisfies(s -> assertThat(
                                        f.tokens().authenticate(s)).get().extracting(RastroPrincipal::accountId).isEqualTo("acme")))),
                row("createApiToken", doc, salesReader, Caller.BRUNO, fails("NOT_FOUND").andThen(nothingCreated)),
                row("createApiToken", doc, salesReader, Caller.CARLA, fails("FORBIDDEN").andThen(nothingCreated)),
                row("createApiToken", doc, salesReader, Caller.SUPPORT_READ_TOKEN, fails("FORBIDDEN").andThen(nothingCreated)),
                row("createApiToken", doc, salesReader, Caller.ACME_INGEST_TOKEN, fails("FORBIDDEN").andThen(nothingCreated)),
                row("createApiToken", doc, salesReader, Caller.ANONYMOUS, fails("UNAUTHORIZED").andThen(nothingCreated)),
                row("createApiToken", doc, salesReader, Caller.REVOKED_TOKEN, fails("UNAUTHORIZED").andThen(nothingCreated)));
    }

    static Stream<Row> revokeApiToken() {
        var doc = "security/revokeApiToken";
        Function<Fixtures, Map<String, Object>> victim = f -> Map.of("input", Map.of("id", f.victimTokenId()));
        Consumer<Fixtures> victimStillWorks = f -> assertThat(f.tokens().authenticate(f.victimSecret()))
                .as("a refused revocation changes nothing").isPresent();
        return Stream.of(
                row("revokeApiToken", doc, f -> Map.of("input", Map.of("id", f.ownTokenId())), Caller.ANA,
                        ok("revoked at once", (r, f) -> {
                            r.path("revokeApiToken.token.revokedAt").entity(String.class).satisfies(at -> assertThat(at).isNotNull());
                            assertThat(f.tokens().authenticate(f.ownTokenSecret())).isEmpty();
                        })),
                row("revokeApiToken", doc, victim, Caller.BRUNO, fails("NOT_FOUND").andThen(victimStillWorks)),
                row("revokeApiToken", doc, victim, Caller.CARLA, fails("FORBIDDEN").andThen(victimStillWorks)),
                row("revokeApiToken", doc, victim, Caller.ACME_BI_TOKEN, fails("FORBIDDEN").andThen(victimStillWorks)),
                row("revokeApiToken", doc, victim, Caller.ACME_INGEST_TOKEN, fails("FORBIDDEN").andThen(victimStillWorks)),
                row("revokeApiToken", doc, victim, Caller.ANONYMOUS, fails("UNAUTHORIZED").andThen(victimStillWorks)),
                row("revokeApiToken", doc, victim, Caller.REVOKED_TOKEN, fails("UNAUTHORIZED").andThen(victimStillWorks)));
    }

    // ---------------------------------------------------------------- rows, callers, expectations

    /** One cell of the matrix. */
    record Row(String operation, String document, Function<Fixtures, Map<String, Object>> variables, Caller caller,
               Expect expect) {
        @Override
        public String toString() {
            return operation + " as " + caller + " -> " + expect;
        }
    }

    static Row row(String operation, String document, Function<Fixtures, Map<String, Object>> variables, Caller caller,
                   Expect expect) {
        return new Row(operation, document, variables, caller, expect);
    }

    /** The callers; each knows its Authorization header. */
    enum Caller {
        ANA, BRUNO, CARLA, ACME_BI_TOKEN, SUPPORT_READ_TOKEN, ACME_INGEST_TOKEN, ANONYMOUS, REVOKED_TOKEN;

        String authorization(Fixtures f) {
            return switch (this) {
                case ANA -> Clients.basic(DemoIdentities.ANA);
                case BRUNO -> Clients.basic(DemoIdentities.BRUNO);
                case CARLA -> Clients.basic(DemoIdentities.CARLA);
                case ACME_BI_TOKEN -> Clients.bearer(DemoIdentities.ACME_BI_TOKEN);
                case SUPPORT_READ_TOKEN -> Clients.bearer(f.supportReadSecret());
                case ACME_INGEST_TOKEN -> Clients.bearer(DemoIdentities.ACME_INGEST_TOKEN);
                case ANONYMOUS -> null;
                case REVOKED_TOKEN -> Clients.bearer(f.revokedSecret());
            };
        }

        /** Identifiers this caller must never be shown (unless it sent them itself). */
        Set<String> foreign(Fixtures f) {
            return switch (this) {
                case ANA, ACME_BI_TOKEN, ACME_INGEST_TOKEN -> f.globexIds();
                case BRUNO -> f.acmeIds();
                case CARLA, SUPPORT_READ_TOKEN -> f.acmeOutsideSupportIds();
                case ANONYMOUS, REVOKED_TOKEN -> union(f.acmeIds(), f.globexIds());
            };
        }
    }

    /** What a row expects: a description, the check, and optional post-conditions on the store. */
    record Expect(String outcome, BiConsumer<GraphQlTester.Response, Fixtures> check) {
        Expect andThen(Consumer<Fixtures> postcondition) {
            return new Expect(outcome, check.andThen((r, f) -> postcondition.accept(f)));
        }

        @Override
        public String toString() {
            return outcome;
        }
    }

    static Expect ok(String what, BiConsumer<GraphQlTester.Response, Fixtures> check) {
        return new Expect("OK (" + what + ")", check);
    }

    /** Fails with this classification (UNAUTHORIZED and FORBIDDEN may come as HTTP 401/403, see {@link Clients}). */
    static Expect fails(String classification) {
        return new Expect(classification, (r, f) -> {
            r.errors().satisfy(errors -> assertThat(errors).isNotEmpty()
                    .allSatisfy(e -> assertThat(String.valueOf(e.getErrorType())).isEqualTo(classification)));
            var data = r.returnResponse().getData();
            assertThat(data == null || ((Map<?, ?>) data).values().stream().allMatch(v -> v == null))
                    .as("no data with the error: %s", data).isTrue();
        });
    }

    static void rowsOnlyFrom(GraphQlTester.Response r, String connection, String... subaccounts) {
        r.path(connection + ".totalCount").entity(Long.class).satisfies(total -> assertThat(total).isPositive());
        r.path(connection + ".edges[*].node.subaccount.id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).isNotEmpty().isSubsetOf(subaccounts));
    }

    static void noRows(GraphQlTester.Response r, String connection) {
        r.path(connection + ".totalCount").entity(Long.class).isEqualTo(0L);
        r.path(connection + ".edges").entityList(Object.class).hasSize(0);
    }

    static void countKeysOnly(GraphQlTester.Response r, String... subaccounts) {
        r.path("messageCounts.total").entity(Long.class).satisfies(total -> assertThat(total).isPositive());
        r.path("messageCounts.groups[*].keys[0].value").entityList(String.class)
                .satisfies(keys -> assertThat(keys).containsExactlyInAnyOrder(subaccounts));
    }

    static Map<String, Object> filter(Fixtures f, Map<String, Object> extra) {
        var filter = new LinkedHashMap<String, Object>(extra);
        filter.put("period", f.period());
        return filter;
    }

    static Map<String, Object> page(Fixtures f, Map<String, Object> extra) {
        return Map.of("input", Map.of("filter", filter(f, extra), "first", 200));
    }

    static Map<String, Object> counts(Fixtures f, Map<String, Object> extra) {
        return Map.of("input", Map.of("filter", filter(f, extra), "groupBy", List.of("SUBACCOUNT")));
    }

    static Map<String, Object> clicks(Fixtures f, Map<String, Object> extra) {
        var input = new LinkedHashMap<String, Object>(extra);
        input.put("period", f.period());
        return Map.of("input", input);
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        var out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }

    // ---------------------------------------------------------------- fixtures

    /**
     * Ids that exist only at run time: messages picked from the generated data, and tokens made for the matrix
     * through the API itself (one revoked, one limited to acme-support, one for others to try to revoke, one that
     * ana revokes).
     */
    record Fixtures(Map<String, Object> period, String salesMessageId, String supportMessageId, String globexMessageId,
                    String salesConversationId, String revokedSecret, String supportReadSecret, String victimTokenId,
                    String victimSecret, String ownTokenId, String ownTokenSecret, ApiTokens tokens) {

        Set<String> acmeIds() {
            return union(acmeOutsideSupportIds(), Set.of("acme-support", "cmp-acme-support-csat", "cmp-acme-otp",
                    DemoIdentities.ANA, DemoIdentities.CARLA, "acmebi00", "acmeing0", supportMessageId, victimTokenId,
                    ownTokenId));
        }

        /** acme's identifiers carla may not see: other subaccounts, their campaigns and messages. */
        Set<String> acmeOutsideSupportIds() {
            return Set.of("acme-sales", "acme-marketing", "cmp-acme-black-friday", "cmp-acme-onboarding",
                    "cmp-acme-renewal", salesMessageId, salesConversationId);
        }

        Set<String> globexIds() {
            return Set.of("globex-retail", "globex-ops", "cmp-globex-promo", "cmp-globex-delivery",
                    DemoIdentities.BRUNO, "globexi0", globexMessageId);
        }
    }

    /** Per store: the server-engine subclass has tokens and fixtures of its own. */
    private static final java.util.Map<Store, Fixtures> FIXTURES = new java.util.IdentityHashMap<>();

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    ApiTokens apiTokens;

    @BeforeEach
    void fixtures() {
        synchronized (FIXTURES) {
            FIXTURES.computeIfAbsent(store, s -> createFixtures());
        }
    }

    private Fixtures createFixtures() {
        var to = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.HOURS);
        var period = Map.<String, Object>of("from", to.minus(30, ChronoUnit.DAYS).toString(), "to", to.toString());
        var recent = "event_time >= now64(3) - INTERVAL 29 DAY";
        var sales = one("SELECT message_id AS v FROM rastro.messages FINAL WHERE account_id = 'acme' "
                + "AND subaccount_id = 'acme-sales' AND direction = 'MT' AND " + recent + " ORDER BY message_id LIMIT 1");
        var support = one("SELECT message_id AS v FROM rastro.messages FINAL WHERE account_id = 'acme' "
                + "AND subaccount_id = 'acme-support' AND " + recent + " ORDER BY message_id LIMIT 1");
        var globex = one("SELECT message_id AS v FROM rastro.messages FINAL WHERE account_id = 'globex' AND "
                + recent + " ORDER BY message_id LIMIT 1");
        // a conversation id shared by no acme-support message, or carla could rightly see it on her own rows
        var salesConversation = one("""
                SELECT conversation_id AS v FROM rastro.messages FINAL WHERE account_id = 'acme' AND conversation_id != ''
                GROUP BY conversation_id
                HAVING countIf(subaccount_id = 'acme-sales') > 0 AND countIf(subaccount_id != 'acme-sales') = 0
                   AND min(event_time) >= now64(3) - INTERVAL 29 DAY
                ORDER BY conversation_id LIMIT 1""");
        var revoked = create("matrix: revoked", List.of());
        revoke(revoked.get("id"));
        var supportReader = create("matrix: support reader", List.of("acme-support"));
        var victim = create("matrix: others may not revoke this", List.of());
        var own = create("matrix: ana revokes this", List.of());
        return new Fixtures(period, sales, support, globex, salesConversation, revoked.get("secret"),
                supportReader.get("secret"), victim.get("id"), victim.get("secret"), own.get("id"), own.get("secret"),
                apiTokens);
    }

    private String one(String sql) {
        return store.queryOne(Sql.of(sql), r -> r.getString("v")).orElseThrow(() -> new AssertionError("no fixture: " + sql));
    }

    private Map<String, String> create(String name, List<String> subaccounts) {
        var r = Clients.as(port, DemoIdentities.ANA).documentName("security/createApiToken")
                .variable("input", Map.of("name", name, "role", "READ_TOKEN", "subaccounts", subaccounts)).execute();
        return Map.of("id", r.path("createApiToken.token.id").entity(String.class).get(),
                "secret", r.path("createApiToken.secret").entity(String.class).get());
    }

    private void revoke(String id) {
        Clients.as(port, DemoIdentities.ANA).documentName("security/revokeApiToken")
                .variable("input", Map.of("id", id)).execute()
                .path("revokeApiToken.token.revokedAt").entity(String.class).satisfies(at -> assertThat(at).isNotNull());
    }

    // ---------------------------------------------------------------- the test

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyCallerGetsExactlyWhatItMay(Row row) {
        Fixtures f;
        synchronized (FIXTURES) {
            f = FIXTURES.get(store);
        }
        var variables = row.variables().apply(f);
        GraphQlTester.Request<?> request = Clients.graphQl(port, row.caller().authorization(f))
                .documentName(row.document());
        for (var v : variables.entrySet()) {
            request = request.variable(v.getKey(), v.getValue());
        }
        var response = request.execute();
        row.expect().check().accept(response, f);

        var sent = JsonMapper.shared().writeValueAsString(variables);
        var answered = JsonMapper.shared().writeValueAsString(response.returnResponse().toMap());
        for (var id : row.caller().foreign(f)) {
            if (!sent.contains(id)) {
                assertThat(answered).as("%s leaks '%s'", row, id).doesNotContain(id);
            }
        }
    }
}
