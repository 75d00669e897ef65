package io.rastro.webhook;

import io.rastro.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.rastro.webhook.WebhookFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP boundary: the handshake, the signature, the limits and bad bodies, each with nothing written. */
@IntegrationTest
class WebhookEndpointTest extends WebhookTestBase {

    @Test
    void handshakeAnswersTheChallengeOnlyForTheConfiguredToken() {
        var ok = get(port, "hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text()).isEqualTo("1158201444");
        for (var bad : new String[] {"hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1",
                "hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1",
                "hub.verify_token=test-verify-token&hub.challenge=1",
                "hub.mode=subscribe&hub.challenge=1"}) {
            var refused = get(port, bad);
            assertThat(refused.status()).as(bad).isEqualTo(403);
            assertThat(refused.body().get("error").stringValue()).isEqualTo("FORBIDDEN");
            assertThat(refused.text()).doesNotContain("test-verify-token");
        }
    }

    @Test
    void aMissingOrWrongSignatureIs401AndWritesNothing() {
        var id = id("unsigned");
        var bytes = MetaBodies.body(MetaBodies.statuses(SALES_NUMBER, MetaBodies.status(id, "sent", recent(5),
                "5511912345678"))).getBytes(StandardCharsets.UTF_8);
        for (var signature : new String[] {null, "", "sha256=" + "0".repeat(64), WebhookSignature.sign("not-ours", bytes),
                WebhookSignature.sign(SECRET_NEW, bytes).replace("sha256=", "sha1=")}) {
            var response = post(port, bytes, signature);
            assertThat(response.status()).as(String.valueOf(signature)).isEqualTo(401);
            assertThat(response.body().get("error").stringValue()).isEqualTo("UNAUTHORIZED");
        }
        // one byte changed after signing
        var tampered = bytes.clone();
        tampered[tampered.length - 3] = (byte) ' ';
        assertThat(post(port, tampered, WebhookSignature.sign(SECRET_NEW, bytes)).status()).isEqualTo(401);
        assertThat(rows(store, id)).isZero();
        // both configured secrets are accepted, as while one is rotated
        assertThat(post(port, bytes, WebhookSignature.sign(SECRET_OLD, bytes)).status()).isEqualTo(200);
        assertThat(rows(store, id)).isEqualTo(1);
    }

    @Test
    void badBodiesAre400NamingTheFieldAndWriteNothing() {
        var good = id("beside-bad");
        var goodStatus = MetaBodies.status(good, "sent", recent(5), "5511912345678");
        var cases = Map.of(
                "{\"object\":\"whatsapp_business_account\",\"entry\":[", "body",
                "{\"object\":\"page\",\"entry\":[]}", "object",
                "[1,2]", "body",
                MetaBodies.body(MetaBodies.statuses(SALES_NUMBER, goodStatus,
                        "{\"id\":\"wamid.X\",\"status\":\"read\",\"timestamp\":\"1795615380000\",\"recipient_id\":\"1\"}")),
                "entry[0].changes[0].value.statuses[1].timestamp",
                MetaBodies.body(MetaBodies.statuses(SALES_NUMBER, goodStatus,
                        "{\"id\":\"wamid.X\",\"status\":\"read\",\"timestamp\":\"yesterday\",\"recipient_id\":\"1\"}")),
                "entry[0].changes[0].value.statuses[1].timestamp");
        for (var c : cases.entrySet()) {
            var response = post(port, c.getKey());
            assertThat(response.status()).as(c.getKey()).isEqualTo(400);
            assertThat(response.body().get("error").stringValue()).isEqualTo("BAD_REQUEST");
            assertThat(response.body().get("field").stringValue()).isEqualTo(c.getValue());
            assertThat(response.body().get("message").stringValue()).contains("Nothing was written");
            assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(rows(store, good)).isZero();
    }

    /**
     * The path has a servlet and a security chain of its own: its answers still carry the security headers, open no
     * session, and any method but GET and POST is a JSON 405 naming the two.
     */
    @Test
    void answersCarryTheSecurityHeadersNoSessionAndOtherMethodsAre405() throws Exception {
        var http = HttpClient.newHttpClient();
        var body = MetaBodies.body(MetaBodies.statuses(SALES_NUMBER, MetaBodies.status(id("headers"), "sent",
                recent(4), "5511912345678")));
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        var ok = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/whatsapp"))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", WebhookSignature.sign(SECRET_NEW, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"changes\":1,\"events\":1,\"unrouted\":0,\"kept\":0}");
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(ok.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(ok.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
        assertThat(ok.headers().firstValue("Set-Cookie")).isEmpty();

        for (var method : new String[] {"PUT", "DELETE", "PATCH"}) {
            var refused = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/whatsapp"))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(method).isEqualTo(405);
            assertThat(refused.headers().firstValue("Allow")).hasValue("GET, POST");
            assertThat(refused.body()).contains("\"error\":\"METHOD_NOT_ALLOWED\"");
        }
    }

    @Test
    void aBodyAbove1MbIs413() {
        var padding = "x".repeat(1024 * 1024);
        var body = MetaBodies.body(MetaBodies.messages(SALES_NUMBER, MetaBodies.contact("A", "5511912345678", null),
                MetaBodies.text(id("huge"), "5511912345678", recent(1), padding)));
        var response = post(port, body);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body().get("error").stringValue()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(rows(store, id("huge"))).isZero();
    }

    @Test
    void anAnswerIs200OnlyOnceStoredAndARetryChangesNothing() {
        var id = id("retried");
        var body = MetaBodies.body(MetaBodies.statuses(SALES_NUMBER, MetaBodies.status(id, "delivered", recent(3),
                "5511912345678")));
        var first = post(port, body);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("events").intValue()).isEqualTo(1);
        // stored when answered: no waiting, no polling
        assertThat(rows(store, id)).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(post(port, body).status()).isEqualTo(200);
        }
        assertThat(rows(store, id)).isEqualTo(1);
        assertThat(count(store, "SELECT count() AS c FROM rastro.status_events FINAL WHERE account_id = {a:String} "
                + "AND message_id = {id:String}", Map.of("a", ACCOUNT, "id", id))).isEqualTo(1);
    }
}
