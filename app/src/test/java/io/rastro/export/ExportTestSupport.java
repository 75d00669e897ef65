package io.rastro.export;

import io.rastro.Clients;
import io.rastro.demo.DemoGenerator;
import io.rastro.demo.DemoIdentities;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared by the export tests: a tenant of their own ("bulkco": ~200k generated messages over the last 20 days,
 * plus a few hand-made rows with hostile text), GraphQL calls and downloads over real HTTP.
 */
final class ExportTestSupport {

    static final String BULK = "bulkco";
    static final String BULK_ADMIN = "ops@bulk.example";
    static final String EDGE_SUBACCOUNT = "bulk-edge";
    /** Hand-made texts, each a way a cell can go wrong. */
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static final String PLUS = "+cmd|' /C calc'!A0";
    static final String MINUS = "-2+3";
    static final String AT = "@SUM(A1:A9)";
    static final String TAB = "\tstarts with a tab";
    static final String CR = "\rstarts with a carriage return";
    static final String QUOTED = "He said \"hi\", then\nleft; ação, niño";
    static final String LONG = "x".repeat(40_000);
    static final List<String> EDGE_TEXTS = List.of(FORMULA, PLUS, MINUS, AT, TAB, CR, QUOTED, LONG);
    /** When the first hand-made row happened; the others follow one minute apart, in list order. */
    static final Instant EDGE_START = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    /** The stores (one per engine under test) that already hold the fixture. */
    private static final java.util.Set<Store> bulkReady = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private ExportTestSupport() {
    }

    /** Creates the bulk tenant once per JVM (the engine and its data are shared by every integration test). */
    static synchronized void ensureBulkTenant(Store store) {
        if (bulkReady.contains(store)) {
            return;
        }
        var hash = new BCryptPasswordEncoder().encode(DemoIdentities.PASSWORD);
        store.execute(Sql.of("INSERT INTO rastro.accounts (account_id, name, version) SELECT {a:String}, 'Bulk Co', 1")
                .bind("a", BULK));
        for (var s : List.of("bulk-a", "bulk-b", EDGE_SUBACCOUNT)) {
            store.execute(Sql.of("INSERT INTO rastro.subaccounts (account_id, subaccount_id, name, version) "
                    + "SELECT {a:String}, {s:String}, {n:String}, 1").bind("a", BULK).bind("s", s)
                    .bind("n", s.equals(EDGE_SUBACCOUNT) ? "=Edge cases" : "Bulk " + s.substring(5).toUpperCase()));
        }
        store.execute(Sql.of("""
                INSERT INTO rastro.users (user_id, account_id, display_name, password_hash, role, subaccounts, version)
                SELECT {u:String}, {a:String}, 'Bulk Ops', {h:String}, 'ADMIN', [], 1""")
                .bind("u", BULK_ADMIN).bind("a", BULK).bind("h", hash));
        var globex = DemoIdentities.TENANTS.get(1);
        var tenant = new DemoIdentities.Tenant(BULK, "Bulk Co",
                List.of(new String[] {"bulk-a", "Bulk A"}, new String[] {"bulk-b", "Bulk B"}), List.of(BULK_ADMIN),
                globex.campaigns().stream().map(c -> new DemoIdentities.Campaign(c.id().replace("globex", BULK),
                        c.name(), c.subaccount().replace("globex-retail", "bulk-a").replace("globex-ops", "bulk-b"),
                        c.template(), c.category(), c.body(), c.buttons())).toList());
        // The last 20 days only: the engine is shared, and DemoGeneratorTest measures the demo mix over fixed
        // dates (August to October 2026) across all accounts.
        new DemoGenerator(store).generate(new DemoGenerator.Plan(180_000, 7, 20, Instant.now(),
                List.of(new DemoGenerator.TenantShare(tenant, 1000))));
        for (int i = 0; i < EDGE_TEXTS.size(); i++) {
            var at = EDGE_START.plus(i, ChronoUnit.MINUTES);
            store.execute(Sql.of("""
                    INSERT INTO rastro.messages (account_id, event_time, message_id, direction, subaccount_id, user_id,
                        campaign_id, campaign_name, content_type, template_name, template_language, text, contact_phone,
                        contact_wa_id, contact_bsuid, sent_with_session, correlation_id, conversation_id,
                        conversation_type, conversation_expires_at, pricing_category, button_payload, button_text,
                        reply_to_message_id, status, status_at, sent_at, delivered_at, read_at, failed_at, error_code,
                        error_title, version)
                    SELECT {a:String}, {at:DateTime64(3, 'UTC')}, {id:String}, 'MT', {s:String}, '@attacker',
                        'cmp-edge', '+Edge campaign', 'TEXT', '', '', {text:String}, '5511912345678', '5511912345678',
                        '', true, '-corr', '', '', NULL, 'service', '', '', '', 'FAILED', {at:DateTime64(3, 'UTC')},
                        {at:DateTime64(3, 'UTC')}, NULL, NULL, {at:DateTime64(3, 'UTC')}, 131026,
                        'Message undeliverable', 1""")
                    .bind("a", BULK).bind("at", at).bind("id", "wamid.EDGE" + i).bind("s", EDGE_SUBACCOUNT)
                    .bind("text", EDGE_TEXTS.get(i)));
        }
        bulkReady.add(store);
    }

    static Map<String, Object> period(Instant from, Instant to) {
        return Map.of("from", from.toString(), "to", to.toString());
    }

    /** A period of whole days ending tomorrow at 00:00 UTC. */
    static Map<String, Object> lastDays(int days) {
        var to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        return period(to.minus(days, ChronoUnit.DAYS), to);
    }

    static Map<String, Object> input(Object... keyValues) {
        var map = new HashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> start(GraphQlTester client, Map<String, Object> input) {
        return client.documentName("startExport").variable("input", input).execute()
                .path("startExport.job").entity(Map.class).get();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> job(GraphQlTester client, String id) {
        return client.documentName("exportJob").variable("id", id).execute().path("exportJob").entity(Map.class).get();
    }

    /** Polls until the job ended; fails after a minute. */
    static Map<String, Object> awaitEnd(GraphQlTester client, String id) {
        var deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            var job = job(client, id);
            var status = (String) job.get("status");
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return job;
            }
            assertThat(System.nanoTime()).as("export %s still %s", id, status).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Map<String, Object> exportDone(GraphQlTester client, Map<String, Object> input) {
        var job = awaitEnd(client, (String) start(client, input).get("id"));
        assertThat(job.get("status")).as("job %s failed: %s", job.get("id"), job.get("failure")).isEqualTo("DONE");
        return job;
    }

    /** A download's status, headers and body (written to {@code file} when given, else kept in memory). */
    record Response(int status, HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static Response download(int port, String authorization, String url, HttpHeaders extra, Path file) {
        return Clients.http(port, authorization).get().uri(url).headers(h -> h.addAll(extra))
                .exchange((req, res) -> {
                    byte[] body;
                    if (file != null && res.getStatusCode().is2xxSuccessful()) {
                        try (var in = res.getBody()) {
                            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                        body = new byte[0];
                    } else {
                        body = res.getBody().readAllBytes();
                    }
                    return new Response(res.getStatusCode().value(), res.getHeaders(), body);
                });
    }

    static Response download(int port, String authorization, String url) {
        return download(port, authorization, url, new HttpHeaders(), null);
    }

    static Path downloadTo(int port, String authorization, Map<String, Object> job, Path dir) {
        var file = dir.resolve((String) job.get("fileName"));
        var response = download(port, authorization, (String) job.get("downloadUrl"), new HttpHeaders(), file);
        assertThat(response.status()).isEqualTo(200);
        try {
            assertThat(Files.size(file)).isEqualTo(((Number) job.get("bytes")).longValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
