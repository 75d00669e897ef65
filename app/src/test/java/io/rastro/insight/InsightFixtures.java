package io.rastro.insight;

import io.rastro.TestTenants;
import io.rastro.security.ApiTokens;
import io.rastro.security.Role;
import io.rastro.store.Store;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insight tests' own tenant, with hand-made traffic whose funnel, failures and replies are counted by hand in
 * the tests: every message of it lies in one hour of 2026-06-10, which no demo data reaches (the demo's account
 * is another one anyway).
 */
public final class InsightFixtures {

    public static final String ACCOUNT = "test-insight";
    public static final String A = "tins-a";
    public static final String B = "tins-b";
    public static final String ADMIN = "admin@test-insight.example";
    /** Sees subaccount B only. */
    public static final String B_USER = "b@test-insight.example";
    public static final String INGEST = "rst_tinsig00.test-insight-secret-001";
    public static final String FROM = "2026-06-10T10:00:00Z";
    public static final String TO = "2026-06-10T11:00:00Z";
    /** Unique per JVM, so that the tests can run again on the same store. */
    public static final String RUN = "wamid.INS-" + UUID.randomUUID().toString().substring(0, 8);

    private static boolean written;

    private InsightFixtures() {
    }

    public static String id(String name) {
        return RUN + "-" + name;
    }

    /**
     * The traffic, in subaccount A (campaign cmp-ins-1) unless said: what each message reached is in its name.
     * m1 accepted only; m2 sent; m3 delivered; m4 read with no delivered webhook; m5 delivered and then answered
     * by a typed reply; m6 read and answered by a quick-reply tap; m7 failed (131050) before it was sent; m8 sent
     * then failed (131050), to the same contact as m7; m9 failed 131049 to a BSUID-only contact; m10 failed 131026
     * to another BSUID-only contact, in subaccount B. Pricing (per message, PMP) reached m3 and m6 (billable
     * marketing), m4 (utility, free in a service window) and m5 (marketing, free entry point); no other.
     */
    public static synchronized void ensure(Store store, ApiTokens tokens, int port) {
        if (written) {
            return;
        }
        TestTenants.account(store, ACCOUNT, List.of(A, B));
        TestTenants.token(tokens, ACCOUNT, INGEST, Role.INGEST_TOKEN);
        TestTenants.person(store, ACCOUNT, ADMIN, Role.ADMIN, List.of());
        TestTenants.person(store, ACCOUNT, B_USER, Role.SUBACCOUNT_USER, List.of(B));
        var body = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            var contact = switch (i) {
                case 7, 8 -> "{\"phone\":\"+55 11 90000-0007\"}";
                case 9 -> "{\"bsuid\":\"US.10000000000000000009\"}";
                case 10 -> "{\"bsuid\":\"US.10000000000000000010\"}";
                default -> "{\"phone\":\"+55 11 90000-000" + (i % 10) + "\"}";
            };
            body.append("{\"type\":\"mt\",\"id\":\"").append(id("m" + i)).append("\",\"at\":\"2026-06-10T10:0")
                    .append(i % 10).append(":00Z\",\"subaccount\":\"").append(i == 10 ? B : A)
                    .append("\",\"contentType\":\"TEMPLATE\",\"text\":\"Oferta ").append(i)
                    .append("\",\"template\":{\"name\":\"offer\",\"language\":\"pt_BR\"},\"contact\":").append(contact)
                    .append(",\"sentWithSession\":false,\"campaign\":{\"id\":\"cmp-ins-1\",\"name\":\"Insight test\"}}\n");
        }
        status(body, "m2", "SENT", "10:02:01");
        status(body, "m3", "SENT", "10:03:01");
        priced(body, "m3", "DELIVERED", "10:03:02", true, "marketing", "regular");
        status(body, "m4", "SENT", "10:04:01");
        priced(body, "m4", "READ", "10:04:09", false, "utility", "free_customer_service");
        status(body, "m5", "SENT", "10:05:01");
        priced(body, "m5", "DELIVERED", "10:05:02", false, "marketing", "free_entry_point");
        status(body, "m6", "SENT", "10:06:01");
        status(body, "m6", "DELIVERED", "10:06:02");
        priced(body, "m6", "READ", "10:06:03", true, "marketing", "regular");
        failed(body, "m7", "10:07:01", 131050, "User stopped marketing messages");
        status(body, "m8", "SENT", "10:08:01");
        failed(body, "m8", "10:08:02", 131050, "User stopped marketing messages");
        failed(body, "m9", "10:09:02", 131049, "Message not delivered to maintain healthy ecosystem engagement");
        failed(body, "m10", "10:00:02", 131026, "Message undeliverable");
        // m5's typed reply after the period's end still counts: replies come when they come.
        body.append("{\"type\":\"mo\",\"id\":\"").append(id("r5")).append("\",\"at\":\"2026-06-10T11:30:00Z\",\"subaccount\":\"")
                .append(A).append("\",\"contentType\":\"TEXT\",\"text\":\"Quero sim\",\"contact\":{\"phone\":\"+55 11 90000-0005\"},")
                .append("\"replyTo\":\"").append(id("m5")).append("\"}\n");
        for (var tap : List.of("r6a@10:06:30", "r6b@10:20:00")) {
            var name = tap.substring(0, tap.indexOf('@'));
            body.append("{\"type\":\"mo\",\"id\":\"").append(id(name)).append("\",\"at\":\"2026-06-10T")
                    .append(tap.substring(tap.indexOf('@') + 1)).append("Z\",\"subaccount\":\"").append(A)
                    .append("\",\"contentType\":\"BUTTON\",\"text\":\"Sim\",\"contact\":{\"phone\":\"+55 11 90000-0006\"},")
                    .append("\"button\":{\"payload\":\"INS_YES\",\"text\":\"Sim\"},\"replyTo\":\"").append(id("m6")).append("\"}\n");
        }
        var status = RestClient.builder().baseUrl("http://localhost:" + port).defaultHeader("Authorization", "Bearer " + INGEST)
                .build().post().uri("/api/v1/events").contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body(body.toString().getBytes(StandardCharsets.UTF_8)).exchange((req, res) -> res.getStatusCode().value());
        assertThat(status).isEqualTo(200);
        written = true;
    }

    private static void status(StringBuilder body, String name, String status, String time) {
        body.append("{\"type\":\"status\",\"id\":\"").append(id(name)).append("\",\"status\":\"").append(status)
                .append("\",\"at\":\"2026-06-10T").append(time).append("Z\"}\n");
    }

    private static void priced(StringBuilder body, String name, String status, String time, boolean billable,
                               String category, String type) {
        body.append("{\"type\":\"status\",\"id\":\"").append(id(name)).append("\",\"status\":\"").append(status)
                .append("\",\"at\":\"2026-06-10T").append(time).append("Z\",\"pricing\":{\"billable\":").append(billable)
                .append(",\"model\":\"PMP\",\"category\":\"").append(category).append("\",\"type\":\"").append(type)
                .append("\"}}\n");
    }

    private static void failed(StringBuilder body, String name, String time, int code, String title) {
        body.append("{\"type\":\"status\",\"id\":\"").append(id(name)).append("\",\"status\":\"FAILED\",\"at\":\"2026-06-10T")
                .append(time).append("Z\",\"error\":{\"code\":").append(code).append(",\"title\":\"").append(title).append("\"}}\n");
    }
}
