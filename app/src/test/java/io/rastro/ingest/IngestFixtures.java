package io.rastro.ingest;

import io.rastro.demo.DemoIdentities;
import io.rastro.security.ApiTokens;
import io.rastro.security.Role;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant of the ingestion tests' own, so their events never mix with the demo data other tests count: account
 * {@code test-ingest} with two subaccounts, an ingestion token and an administrator. Written once per JVM; message
 * ids carry a per-run prefix, so the tests can run again on the same store.
 */
final class IngestFixtures {

    static final String ACCOUNT = "test-ingest";
    static final String SALES = "ti-sales";
    static final String SUPPORT = "ti-support";
    static final String INGEST_TOKEN = "rst_tingest0.test-ingest-secret-0001";
    /** An administrator of the test account, for GraphQL reads (password {@code demo}). */
    static final String ADMIN = "admin@test-ingest.example";
    /** Unique per JVM: every message id of these tests starts with it. */
    static final String RUN = "wamid.TEST-INGEST-" + UUID.randomUUID().toString().substring(0, 8);

    /** The stores (one per engine under test) that already hold the fixture. */
    private static final java.util.Set<Store> written = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private IngestFixtures() {
    }

    static synchronized void ensure(Store store, ApiTokens tokens) {
        if (written.contains(store)) {
            return;
        }
        store.execute(Sql.of("INSERT INTO rastro.accounts (account_id, name, version) SELECT {a:String}, 'Ingest tests', 1")
                .bind("a", ACCOUNT));
        for (var s : List.of(SALES, SUPPORT)) {
            store.execute(Sql.of("INSERT INTO rastro.subaccounts (account_id, subaccount_id, name, version) "
                    + "SELECT {a:String}, {s:String}, {s:String}, 1").bind("a", ACCOUNT).bind("s", s));
        }
        token(tokens, INGEST_TOKEN, Role.INGEST_TOKEN);
        store.execute(Sql.of("""
                        INSERT INTO rastro.users (user_id, account_id, display_name, password_hash, role, subaccounts, version)
                        SELECT {u:String}, {a:String}, 'Ingest tests admin', {h:String}, 'ADMIN', [], 1""")
                .bind("u", ADMIN).bind("a", ACCOUNT).bind("h", new BCryptPasswordEncoder().encode(DemoIdentities.PASSWORD)));
        written.add(store);
    }

    private static void token(ApiTokens tokens, String bearer, Role role) {
        var body = bearer.substring(ApiTokens.PREFIX.length());
        var dot = body.indexOf('.');
        tokens.insert(body.substring(0, dot), ACCOUNT, "ingest tests", role, Set.of(), "tests",
                body.substring(dot + 1), Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A message id unique to this run. */
    static String id(String name) {
        return RUN + "-" + name;
    }

    /** A time in the recent past, whole seconds, so tests can compare it exactly. */
    static Instant recent(long minutesAgo) {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(minutesAgo, ChronoUnit.MINUTES);
    }

    record Response(int status, JsonNode body) {
    }

    /** Posts the body as UTF-8, as every platform client does (a String body would go out in ISO-8859-1). */
    static Response post(int port, String authorization, String contentType, String body) {
        var builder = RestClient.builder().baseUrl("http://localhost:" + port);
        if (authorization != null) {
            builder.defaultHeader("Authorization", authorization);
        }
        return builder.build().post().uri("/api/v1/events").contentType(MediaType.parseMediaType(contentType))
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).exchange((req, res) -> {
                    var text = new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    return new Response(res.getStatusCode().value(),
                            text.isBlank() ? null : JsonMapper.shared().readTree(text));
                });
    }

    static Response post(int port, String token, String body) {
        return post(port, "Bearer " + token, "application/x-ndjson", body);
    }

    static long count(Store store, String sql, String... ids) {
        return store.query(Sql.of(sql).bind("account", ACCOUNT).bind("ids", List.of(ids)), r -> r.getLong("c")).getFirst();
    }

    /** Messages (one per id, FINAL) of the test account with these ids. */
    static long messages(Store store, String... ids) {
        return count(store, "SELECT count() AS c FROM rastro.messages FINAL WHERE account_id = {account:String} "
                + "AND message_id IN {ids:Array(String)}", ids);
    }

    /** History steps (FINAL) of the test account for these ids. */
    static long steps(Store store, String... ids) {
        return count(store, "SELECT count() AS c FROM rastro.status_events FINAL WHERE account_id = {account:String} "
                + "AND message_id IN {ids:Array(String)}", ids);
    }
}
