package io.rastro.webhook;

import io.rastro.Clients;
import io.rastro.demo.DemoIdentities;
import io.rastro.security.ApiTokens;
import io.rastro.security.Role;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.UUID;

/**
 * The webhook tests' own tenant, so their messages never mix with the demo data other tests count: account
 * {@code test-webhook} with two subaccounts, an administrator, a subaccount user and an ingestion token. Message ids
 * and business numbers carry a per-run part, so the tests can run again on the same store.
 */
final class WebhookFixtures {

    static final String ACCOUNT = "test-webhook";
    static final String SALES = "tw-sales";
    static final String SUPPORT = "tw-support";
    static final String ADMIN = "admin@test-webhook.example";
    static final String AGENT = "agent@test-webhook.example";
    static final String INGEST_TOKEN = "rst_twebhook.test-webhook-ingest-secret1";
    /** The secrets of application-test.properties. */
    static final String SECRET_OLD = "test-app-secret-old";
    static final String SECRET_NEW = "test-app-secret-new";
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Business numbers of this run: 15 digits, unique per run. */
    static final String SALES_NUMBER = "9" + ThreadLocalRandom.current().nextLong(10_000_000_000_000L, 99_999_999_999_999L);
    static final String SUPPORT_NUMBER = "8" + ThreadLocalRandom.current().nextLong(10_000_000_000_000L, 99_999_999_999_999L);

    /** The stores the tenant is written to: the embedded engine's, and the server engine's ({@code *OnServerTest}). */
    private static final Set<Store> written = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private WebhookFixtures() {
    }

    /**
     * The service's committer: a 200 means stored in the inbox and the apply follows within moments, so a test that
     * reads what it posted first waits for the apply ({@link #post}).
     */
    private static volatile WebhookCommitter committer;

    static synchronized void ensure(Store store, ApiTokens tokens, int port, WebhookCommitter committer) {
        WebhookFixtures.committer = committer;
        if (written.contains(store)) {
            return;
        }
        store.execute(Sql.of("INSERT INTO rastro.accounts (account_id, name, version) SELECT {a:String}, 'Webhook tests', 1")
                .bind("a", ACCOUNT));
        for (var s : List.of(SALES, SUPPORT)) {
            store.execute(Sql.of("INSERT INTO rastro.subaccounts (account_id, subaccount_id, name, version) "
                    + "SELECT {a:String}, {s:String}, {s:String}, 1").bind("a", ACCOUNT).bind("s", s));
        }
        var hash = new BCryptPasswordEncoder().encode(DemoIdentities.PASSWORD);
        user(store, ADMIN, "ADMIN", List.of(), hash);
        user(store, AGENT, "SUBACCOUNT_USER", List.of(SUPPORT), hash);
        var body = INGEST_TOKEN.substring(ApiTokens.PREFIX.length());
        var dot = body.indexOf('.');
        tokens.insert(body.substring(0, dot), ACCOUNT, "webhook tests", Role.INGEST_TOKEN, Set.of(), "tests",
                body.substring(dot + 1), Instant.parse("2026-01-01T00:00:00Z"));
        register(admin(port), SALES_NUMBER, SALES);
        register(admin(port), SUPPORT_NUMBER, SUPPORT);
        written.add(store);
    }

    private static void user(Store store, String id, String role, List<String> subaccounts, String hash) {
        store.execute(Sql.of("""
                        INSERT INTO rastro.users (user_id, account_id, display_name, password_hash, role, subaccounts, version)
                        SELECT {u:String}, {a:String}, {u:String}, {h:String}, {r:String}, {s:Array(String)}, 1""")
                .bind("u", id).bind("a", ACCOUNT).bind("h", hash).bind("r", role).bind("s", subaccounts));
    }

    static GraphQlTester admin(int port) {
        return Clients.as(port, ADMIN);
    }

    static final String REGISTER = """
            mutation($input: RegisterWhatsAppNumberInput!) {
              registerWhatsAppNumber(input: $input) {
                number { phoneNumberId wabaId displayPhoneNumber subaccount registeredBy registeredAt unroutedWaiting }
              }
            }""";

    static GraphQlTester.Response register(GraphQlTester client, String number, String subaccount) {
        return client.document(REGISTER).variable("input", Map.of("phoneNumberId", number, "wabaId", MetaBodies.WABA,
                "subaccount", subaccount, "displayPhoneNumber", "+55 11 4000-" + number.substring(11))).execute();
    }

    /** A message id unique to this run. */
    static String id(String name) {
        return "wamid.TW-" + RUN + "-" + name;
    }

    /** A time in the recent past, whole seconds (webhooks carry seconds). */
    static Instant recent(long minutesAgo) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(minutesAgo, ChronoUnit.MINUTES);
    }

    record Response(int status, JsonNode body, String text) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * Posts these exact bytes with this signature header value (null: none); after a 200, waits until what was
     * stored is applied, so that the caller reads its own writes.
     */
    static Response post(int port, byte[] body, String signature) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/whatsapp"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        var response = send(request.build());
        if (response.status() == 200 && committer != null && !committer.awaitApplied(Duration.ofSeconds(30))) {
            throw new AssertionError("what was posted was not applied within 30 s");
        }
        return response;
    }

    /** Posts the body as UTF-8, signed with the newer secret. */
    static Response post(int port, String body) {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(port, bytes, WebhookSignature.sign(SECRET_NEW, bytes));
    }

    static Response get(int port, String query) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/whatsapp?" + query))
                .GET().build());
    }

    private static Response send(HttpRequest request) {
        try {
            var res = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            if (res.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                json = JsonMapper.shared().readTree(res.body());
            }
            return new Response(res.statusCode(), json, res.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long count(Store store, String sql, Map<String, Object> params) {
        var statement = Sql.of(sql);
        for (var e : params.entrySet()) {
            statement = statement.bind(e.getKey(), e.getValue());
        }
        return store.query(statement, r -> r.getLong("c")).getFirst();
    }

    /** Current rows (FINAL) of the test account with this id. */
    static long rows(Store store, String id) {
        return count(store, "SELECT count() AS c FROM rastro.messages FINAL WHERE account_id = {a:String} "
                + "AND message_id = {id:String}", Map.of("a", ACCOUNT, "id", id));
    }
}
