package io.rastro.ingest;

import io.rastro.IntegrationTest;
import io.rastro.store.Sql;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.rastro.ingest.IngestEventsTest.failed;
import static io.rastro.ingest.IngestEventsTest.lines;
import static io.rastro.ingest.IngestEventsTest.mt;
import static io.rastro.ingest.IngestEventsTest.status;
import static io.rastro.ingest.IngestEventsTest.tap;
import static io.rastro.ingest.IngestFixtures.ACCOUNT;
import static io.rastro.ingest.IngestFixtures.INGEST_TOKEN;
import static io.rastro.ingest.IngestFixtures.id;
import static io.rastro.ingest.IngestFixtures.post;
import static io.rastro.ingest.IngestFixtures.recent;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input: every rejected line is named with its field and reason, and a batch with one is not written at all. */
@IntegrationTest
class IngestValidationTest extends IngestTestBase {


    static String with(String event, String path, Object value) {
        var node = (ObjectNode) JsonMapper.shared().readTree(event);
        var parts = path.split("\\.");
        var target = node;
        for (int i = 0; i < parts.length - 1; i++) {
            target = (ObjectNode) target.get(parts[i]);
        }
        var name = parts[parts.length - 1];
        switch (value) {
            case null -> target.remove(name);
            case String s -> target.put(name, s);
            case Integer n -> target.put(name, n);
            case Boolean b -> target.put(name, b);
            case Map<?, ?> m -> target.set(name, JsonMapper.shared().valueToTree(m));
            default -> throw new IllegalArgumentException(value.toString());
        }
        return JsonMapper.shared().writeValueAsString(node);
    }

    long accountRows() {
        return store.query(Sql.of("SELECT (SELECT count() FROM rastro.messages FINAL WHERE account_id = {a:String}) "
                + "+ (SELECT count() FROM rastro.status_events FINAL WHERE account_id = {a:String}) AS c").bind("a", ACCOUNT),
                r -> r.getLong("c")).getFirst();
    }

    static List<String> linesAndFields(JsonNode body) {
        var out = new ArrayList<String>();
        for (var r : body.get("rejected")) {
            out.add(r.get("line").asLong() + ":" + r.get("field").asString());
            assertThat(r.get("reason").asString()).isNotBlank().doesNotContain("Exception").doesNotContain("SELECT");
        }
        return out;
    }

    @Test
    void oneBadLineRejectsTheWholeBatchAndNothingIsWritten() {
        var a = id("bad-batch-a");
        var b = id("bad-batch-b");
        var at = recent(60);
        var before = accountRows();
        var response = post(port, INGEST_TOKEN, lines(mt(a, at), status(a, "SENT", at.plusSeconds(1)),
                with(mt(b, at), "at", "2026-13-01T00:00:00Z"), status(b, "DELIVERED", at.plusSeconds(3))));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("accepted").asLong()).isZero();
        assertThat(response.body().get("rejectedTotal").asLong()).isEqualTo(1);
        var rejected = response.body().get("rejected").get(0);
        assertThat(rejected.get("line").asLong()).isEqualTo(3);
        assertThat(rejected.get("field").asString()).isEqualTo("at");
        assertThat(rejected.get("reason").asString()).contains("2026-13-01T00:00:00Z").contains("ISO-8601");
        assertThat(response.body().get("message").asString()).contains("nothing was written");
        assertThat(IngestFixtures.messages(store, a, b)).isZero();
        assertThat(IngestFixtures.steps(store, a, b)).isZero();
        assertThat(accountRows()).isEqualTo(before);
    }

    @Test
    void everyRejectedLineIsListedWithItsField() {
        var x = id("fields");
        var at = recent(60);
        var expected = new LinkedHashMap<String, String>();
        var body = new ArrayList<String>();
        body.add(mt(x, at)); // line 1 is valid but must not be written
        expected.put("not json", "line");
        expected.put("[" + mt(id("arr"), at) + "]", "line");
        expected.put(with(mt(id("t"), at), "type", "sms"), "type");
        expected.put(with(mt(id("acc"), at), "account", "acme"), "account");
        expected.put(with(mt(id("sub"), at), "subaccount", "acme-sales"), "subaccount");
        expected.put(with(mt(id("ph"), at), "contact.phone", "12"), "contact.phone");
        expected.put(with(mt(id("ct"), at), "contact", Map.of()), "contact");
        expected.put(with(mt(id("cty"), at), "contentType", "GIF"), "contentType");
        expected.put(with(status(id("f"), "FAILED", at), "status", "FAILED"), "error");
        expected.put(status(id("s"), "SEEN", at), "status");
        expected.put(with(mt(id("ses"), at), "sentWithSession", null), "sentWithSession");
        expected.put(with(tap(id("btn"), x, at), "contentType", "TEXT"), "button");
        expected.put(status(x, "SENT", Instant.parse("2026-11-20T14:03:00Z")).replace("14:03:00Z", "14:03:00"), "at");
        expected.put(status(x, "SENT", Instant.now().plusSeconds(3 * 86_400)), "at");
        expected.put(with(failed(id("code"), at, 1, "t"), "error.code", "abc"), "error.code");
        expected.put(with(mt(id("cv"), at), "conversation", Map.of("id", "c1", "type", "SOMETIMES")), "conversation.type");
        expected.put(with(mt(id("id"), at), "id", "has spaces in it"), "id");
        // a repeated key is ambiguous (which account?): the line is refused as a whole
        expected.put(mt(id("dup"), at).replaceFirst("\\{", "{\"account\":\"test-ingest\",\"account\":\"acme\","), "line");
        var want = new ArrayList<String>();
        var line = 1;
        for (var e : expected.entrySet()) {
            line++;
            body.add(e.getKey());
            want.add(line + ":" + e.getValue());
            if (line == 10) {
                body.add("   "); // blank lines are skipped but counted
                line++;
            }
        }
        var response = post(port, INGEST_TOKEN, String.join("\n", body));
        assertThat(response.status()).isEqualTo(400);
        assertThat(linesAndFields(response.body())).containsExactlyElementsOf(want);
        assertThat(response.body().get("rejectedTotal").asLong()).isEqualTo(expected.size());
        assertThat(IngestFixtures.messages(store, x)).isZero();
    }

    @Test
    void theAccountComesFromTheToken() {
        var ok = id("account-same");
        var other = id("account-other");
        var at = recent(60);
        assertThat(post(port, INGEST_TOKEN, lines(with(mt(ok, at), "account", ACCOUNT))).status()).isEqualTo(200);
        assertThat(IngestFixtures.messages(store, ok)).isEqualTo(1);
        var response = post(port, INGEST_TOKEN, lines(with(mt(other, at), "account", "globex")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(linesAndFields(response.body())).containsExactly("1:account");
        assertThat(store.query(Sql.of("SELECT count() AS c FROM rastro.messages WHERE message_id = {id:String}")
                .bind("id", other), r -> r.getLong("c")).getFirst()).as("in no account").isZero();
    }

    /**
     * Ingestion and the report filter parse phones with the one parser: 00 stands for +, and a national number (a
     * leading 0, no country code) is refused by both with a reason that says so. Before, ingestion refused the
     * leading 0 while the filter took it and matched nothing, and 00 matched nothing either.
     */
    @Test
    void ingestionAndTheFilterParsePhonesAlike() {
        var id = id("phone-00");
        var at = recent(95);
        var ok = post(port, INGEST_TOKEN, lines(with(mt(id, at), "contact", Map.of("phone", "0055 11 93456-0000"))));
        assertThat(ok.status()).as("%s", ok.body()).isEqualTo(200);
        assertThat(store.query(Sql.of("SELECT contact_phone FROM rastro.messages FINAL WHERE account_id = {a:String} "
                + "AND message_id = {id:String}").bind("a", ACCOUNT).bind("id", id), r -> r.getString("contact_phone")))
                .containsExactly("5511934560000");
        var national = post(port, INGEST_TOKEN, lines(with(mt(id("phone-0"), at), "contact", Map.of("phone", "011 93456-0000"))));
        assertThat(national.status()).isEqualTo(400);
        assertThat(national.body().get("rejected").get(0).get("field").asString()).isEqualTo("contact.phone");
        assertThat(national.body().get("rejected").get(0).get("reason").asString()).contains("no country code");

        var period = Map.of("from", at.minusSeconds(60).toString(), "to", at.plusSeconds(60).toString());
        var gql = io.rastro.Clients.as(port, IngestFixtures.ADMIN);
        for (var notation : List.of("0055 11 93456-0000", "+55 11 93456-0000", "5511934560000")) {
            gql.documentName("messagesTotal").variable("input", Map.of("filter", Map.of("period", period,
                    "contact", notation))).execute().path("messages.totalCount").entity(Long.class).isEqualTo(1L);
        }
        gql.documentName("messagesTotal").variable("input", Map.of("filter", Map.of("period", period,
                "contact", "011 93456-0000"))).execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().getErrorType().toString()).isEqualTo("BAD_REQUEST");
            assertThat(errors.getFirst().getMessage()).contains("no country code");
        });
    }

    @Test
    void phonesAreNormalisedAndConversationExpiryDefaultsToItsWindow() {
        var business = id("window-24");
        var free = id("window-72");
        var explicit = id("window-explicit");
        var at = recent(90);
        var expires = at.plusSeconds(3600);
        var response = post(port, INGEST_TOKEN, lines(
                with(mt(business, at), "contact", Map.of("phone", "+55 (11) 9.1234-5678")),
                with(mt(free, at), "conversation", Map.of("id", "c-free", "type", "FREE_ENTRY_POINT")),
                with(mt(explicit, at), "conversation", Map.of("id", "c-x", "type", "user_initiated",
                        "expiresAt", expires.toString()))));
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        var rows = store.query(Sql.of("""
                SELECT message_id, contact_phone, contact_wa_id, conversation_type, conversation_expires_at
                FROM rastro.messages FINAL WHERE account_id = {a:String} AND message_id IN {ids:Array(String)}""")
                .bind("a", ACCOUNT).bind("ids", List.of(business, free, explicit)), r -> Map.of(
                "id", r.getString("message_id"), "phone", r.getString("contact_phone"),
                "waId", r.getString("contact_wa_id"), "type", r.getString("conversation_type"),
                "expires", r.getInstant("conversation_expires_at")));
        assertThat(rows).hasSize(3);
        for (var row : rows) {
            if (row.get("id").equals(business)) {
                assertThat(row.get("phone")).isEqualTo("5511912345678");
                assertThat(row.get("waId")).isEqualTo("");
                assertThat(row.get("expires")).isEqualTo(at.plusSeconds(24 * 3600));
            } else if (row.get("id").equals(free)) {
                assertThat(row.get("type")).isEqualTo("FREE_ENTRY_POINT");
                assertThat(row.get("expires")).isEqualTo(at.plusSeconds(72 * 3600));
            } else {
                assertThat(row.get("type")).isEqualTo("USER_INITIATED");
                assertThat(row.get("expires")).isEqualTo(expires);
            }
        }
    }

    @Test
    void anIdAlreadyUsedForAnotherMessageIsRejected() {
        var id = id("resent");
        var at = recent(70);
        assertThat(post(port, INGEST_TOKEN, lines(mt(id, at))).status()).isEqualTo(200);
        var resent = post(port, INGEST_TOKEN, lines(mt(id, at.plusSeconds(1))));
        assertThat(resent.status()).isEqualTo(400);
        assertThat(linesAndFields(resent.body())).containsExactly("1:at");
        var asMo = post(port, INGEST_TOKEN, lines(tap(id, id("whatever"), at)));
        assertThat(linesAndFields(asMo.body())).containsExactly("1:id");
        var inBatch = id("resent-in-batch");
        var sameBatch = post(port, INGEST_TOKEN, lines(mt(inBatch, at), mt(inBatch, at), mt(inBatch, at.plusSeconds(5))));
        assertThat(linesAndFields(sameBatch.body())).containsExactly("3:at");
        assertThat(IngestFixtures.messages(store, id, inBatch)).isEqualTo(1);
    }

    @Test
    void tooManyLinesIs413AndWritesNothing() {
        var id = id("too-many");
        var body = lines(mt(id, recent(60))) + "\n".repeat(250_000);
        var response = post(port, INGEST_TOKEN, body);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body().get("error").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(response.body().get("message").asString()).contains("250000 lines");
        assertThat(IngestFixtures.messages(store, id)).isZero();
    }

    @Test
    void aLineLongerThanTheLimitIsRejectedAndLaterLinesKeepTheirNumbers() {
        var id = id("long");
        var response = post(port, INGEST_TOKEN, lines(with(mt(id, recent(60)), "text", "x".repeat(70_000)),
                "{\"type\":\"nope\"}"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(linesAndFields(response.body())).containsExactly("1:line", "2:type");
        assertThat(response.body().get("rejected").get(0).get("reason").asString()).contains("65536 bytes");
    }

    @Test
    void theRejectedListIsCappedButCountsEveryLine() {
        var response = post(port, INGEST_TOKEN, "{}\n".repeat(1500));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("rejectedTotal").asLong()).isEqualTo(1500);
        assertThat(response.body().get("rejected").size()).isEqualTo(1000);
        assertThat(response.body().get("rejected").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(response.body().get("rejected").get(999).get("line").asLong()).isEqualTo(1000);
        assertThat(response.body().get("rejected").get(0).get("field").asString()).isEqualTo("type");
        assertThat(response.body().get("message").asString()).contains("first 1000");
    }

    @Test
    void contentTypesAndEmptyBodies() {
        var id = id("as-json");
        var json = post(port, "Bearer " + INGEST_TOKEN, "application/json", mt(id, recent(60)));
        assertThat(json.status()).isEqualTo(200);
        assertThat(IngestFixtures.messages(store, id)).isEqualTo(1);
        var text = post(port, "Bearer " + INGEST_TOKEN, "text/plain", mt(id("as-text"), recent(60)));
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.body().get("error").asString()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        var empty = post(port, INGEST_TOKEN, "\n\n");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("field").asString()).isEqualTo("body");
    }
}
