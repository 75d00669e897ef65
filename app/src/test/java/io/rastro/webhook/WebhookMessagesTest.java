package io.rastro.webhook;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.rastro.webhook.MetaBodies.*;
import static io.rastro.webhook.WebhookFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed, real-shaped bodies of every kind posted to the running service, then read back as a report user would:
 * {@code message(id)} with its history, conversation, pricing and reply link, {@code messages}, the counts and an
 * export. Expected values are the ones written into the bodies.
 */
@IntegrationTest
@SuppressWarnings({"unchecked", "rawtypes"})
class WebhookMessagesTest extends WebhookTestBase {

    static final String MESSAGE = """
            query($id: ID!) {
              message(id: $id) {
                __typename id direction at status contentType correlationId user
                subaccount { id }
                campaign { id name }
                contact { phone waId bsuid name }
                conversation { id type expiresAt }
                history { status at error { code title } }
                ... on SentMessage { pricingCategory deliveredAt readAt error { code title } content { text templateName } }
                ... on ReceivedMessage { text media { id mimeType } button { payload text } inReplyToId inReplyTo { id status } }
              }
            }""";

    Map<String, Object> message(String id) {
        return admin(port).document(MESSAGE).variable("id", id).execute().path("message").entity(MAP).get();
    }

    static final Class<Map<String, Object>> MAP = (Class) Map.class;

    static String phone() {
        return "5511" + ThreadLocalRandom.current().nextLong(900_000_000L, 999_999_999L);
    }

    static Instant at(Object iso) {
        return OffsetDateTime.parse((String) iso).toInstant();
    }

    static void ok(WebhookFixtures.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    @Test
    void statusesWithoutAnyPlatformEventCreateTheRowAndConvergeOutOfOrder() {
        var id = id("status-only");
        var contact = phone();
        var sent = recent(30);
        var sentStatus = """
                {"id":"%s","status":"sent","timestamp":"%s","recipient_id":"%s","biz_opaque_callback_data":"order-%s",\
                "conversation":{"id":"CONV-%s","expiration_timestamp":"%s","origin":{"type":"marketing"}},\
                "pricing":{"billable":true,"pricing_model":"CBP","category":"marketing"}}"""
                .formatted(id, ts(sent), contact, RUN, RUN, ts(sent.plus(Duration.ofHours(24))));
        ok(post(port, body(statuses(SALES_NUMBER, sentStatus))));
        // read before delivered, and the sent status again: any order, any repeat, one row
        ok(post(port, body(statuses(SALES_NUMBER, "{\"id\":\"" + id + "\",\"status\":\"read\",\"timestamp\":"
                + sent.plusSeconds(60).getEpochSecond() + ",\"recipient_id\":\"" + contact + "\"}"))));
        ok(post(port, body(statuses(SALES_NUMBER, "{\"id\":\"" + id + "\",\"status\":\"delivered\",\"timestamp\":\""
                + ts(sent.plusSeconds(20)) + "\",\"recipient_id\":\"" + contact + "\"}"))));
        ok(post(port, body(statuses(SALES_NUMBER, sentStatus))));

        var m = message(id);
        assertThat(m).containsEntry("__typename", "SentMessage").containsEntry("status", "READ")
                .containsEntry("contentType", "UNKNOWN").containsEntry("correlationId", "order-" + RUN)
                .containsEntry("pricingCategory", "marketing");
        assertThat(at(m.get("at"))).isEqualTo(sent);
        assertThat(at(m.get("deliveredAt"))).isEqualTo(sent.plusSeconds(20));
        assertThat(at(m.get("readAt"))).isEqualTo(sent.plusSeconds(60));
        assertThat((Map<String, Object>) m.get("subaccount")).containsEntry("id", SALES);
        assertThat((Map<String, Object>) m.get("contact")).containsEntry("phone", contact).containsEntry("waId", contact);
        var conversation = (Map<String, Object>) m.get("conversation");
        assertThat(conversation).containsEntry("id", "CONV-" + RUN).containsEntry("type", "BUSINESS_INITIATED");
        assertThat(at(conversation.get("expiresAt"))).isEqualTo(sent.plus(Duration.ofHours(24)));
        assertThat((List<Map<String, Object>>) (List) m.get("history")).extracting(h -> h.get("status"))
                .containsExactly("SENT", "DELIVERED", "READ");
        assertThat(rows(store, id)).isEqualTo(1);
    }

    @Test
    void aPlatformMessageIsCompletedByWebhookStatusesAndAnsweredByAQuickReply() {
        var mt = id("platform-mt");
        var mo = id("quick-reply");
        var contact = phone();
        var accepted = recent(20).truncatedTo(ChronoUnit.SECONDS);
        var ndjson = ("{\"type\":\"mt\",\"id\":\"%s\",\"at\":\"%s\",\"subaccount\":\"%s\",\"user\":\"ana@test\","
                + "\"campaign\":{\"id\":\"cmp-%s\",\"name\":\"Black Friday\"},\"contentType\":\"TEMPLATE\","
                + "\"text\":\"Olá! 30%% hoje.\",\"template\":{\"name\":\"black_friday_offer\",\"language\":\"pt_BR\"},"
                + "\"contact\":{\"phone\":\"+%s\"},\"sentWithSession\":false}")
                .formatted(mt, accepted, SALES, RUN, contact);
        var posted = RestClient.create("http://localhost:" + port).post().uri("/api/v1/events")
                .header("Authorization", "Bearer " + INGEST_TOKEN).contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body(ndjson.getBytes(StandardCharsets.UTF_8)).retrieve().toBodilessEntity();
        assertThat(posted.getStatusCode().value()).isEqualTo(200);

        var pmp = "{\"id\":\"%s\",\"status\":\"%s\",\"timestamp\":\"%s\",\"recipient_id\":\"%s\",\"conversation\":"
                + "{\"id\":\"CONV-PMP-%s\",\"origin\":{\"type\":\"utility\"}},\"pricing\":{\"billable\":false,"
                + "\"pricing_model\":\"PMP\",\"category\":\"utility\",\"type\":\"free_customer_service\"}}";
        ok(post(port, body(statuses(SALES_NUMBER, pmp.formatted(mt, "sent", ts(accepted.plusSeconds(2)), contact, RUN),
                pmp.formatted(mt, "delivered", ts(accepted.plusSeconds(5)), contact, RUN)))));
        var tapped = accepted.plusSeconds(90);
        ok(post(port, body(messages(SALES_NUMBER, contact("Ana", contact, null),
                buttonTap(mo, contact, tapped, mt, "BF_YES", "Quero o desconto")))));

        var sent = message(mt);
        assertThat(sent).containsEntry("status", "DELIVERED").containsEntry("contentType", "TEMPLATE")
                .containsEntry("pricingCategory", "utility").containsEntry("user", "ana@test");
        assertThat(at(sent.get("at"))).isEqualTo(accepted);
        assertThat((Map<String, Object>) sent.get("content")).containsEntry("templateName", "black_friday_offer");
        assertThat((Map<String, Object>) sent.get("conversation")).containsEntry("id", "CONV-PMP-" + RUN)
                .containsEntry("type", "BUSINESS_INITIATED");
        assertThat((List<Map<String, Object>>) (List) sent.get("history")).extracting(h -> h.get("status"))
                .containsExactly("ACCEPTED", "SENT", "DELIVERED");

        var reply = message(mo);
        assertThat(reply).containsEntry("__typename", "ReceivedMessage").containsEntry("status", "RECEIVED")
                .containsEntry("contentType", "BUTTON").containsEntry("text", "Quero o desconto")
                .containsEntry("inReplyToId", mt).containsEntry("user", "ana@test");
        assertThat(at(reply.get("at"))).isEqualTo(tapped);
        assertThat((Map<String, Object>) reply.get("button")).containsEntry("payload", "BF_YES").containsEntry("text", "Quero o desconto");
        assertThat((Map<String, Object>) reply.get("inReplyTo")).containsEntry("id", mt).containsEntry("status", "DELIVERED");
        assertThat((Map<String, Object>) reply.get("campaign")).containsEntry("id", "cmp-" + RUN).containsEntry("name", "Black Friday");
    }

    @Test
    void thePlatformsMtArrivingAfterItsStatusesReplacesTheRowTheyCreated() {
        var mt = id("late-platform-mt");
        var contact = phone();
        var accepted = recent(25);
        ok(post(port, body(statuses(SUPPORT_NUMBER, status(mt, "sent", accepted.plusSeconds(2), contact),
                status(mt, "delivered", accepted.plusSeconds(6), contact)))));
        assertThat(message(mt)).containsEntry("contentType", "UNKNOWN").containsEntry("status", "DELIVERED");

        var ndjson = ("{\"type\":\"mt\",\"id\":\"%s\",\"at\":\"%s\",\"subaccount\":\"%s\",\"contentType\":\"TEXT\","
                + "\"text\":\"Seu pedido saiu\",\"contact\":{\"phone\":\"+%s\"},\"sentWithSession\":true}")
                .formatted(mt, accepted, SUPPORT, contact);
        for (int attempt = 0; attempt < 2; attempt++) { // and a retry of the same batch changes nothing
            var posted = RestClient.create("http://localhost:" + port).post().uri("/api/v1/events")
                    .header("Authorization", "Bearer " + INGEST_TOKEN)
                    .contentType(MediaType.parseMediaType("application/x-ndjson"))
                    .body(ndjson.getBytes(StandardCharsets.UTF_8)).retrieve().toBodilessEntity();
            assertThat(posted.getStatusCode().value()).isEqualTo(200);
            var m = message(mt);
            assertThat(m).containsEntry("contentType", "TEXT").containsEntry("status", "DELIVERED")
                    .containsEntry("pricingCategory", "marketing");
            assertThat(at(m.get("at"))).isEqualTo(accepted);
            assertThat((Map<String, Object>) m.get("content")).containsEntry("text", "Seu pedido saiu");
            assertThat((List<Map<String, Object>>) (List) m.get("history")).extracting(h -> h.get("status"))
                    .containsExactly("ACCEPTED", "SENT", "DELIVERED");
            assertThat(rows(store, mt)).isEqualTo(1);
        }
    }

    @Test
    void aFailedStatusKeepsWhatsAppsCodeAndTitle() {
        var id = id("failed");
        var contact = phone();
        ok(post(port, body(statuses(SUPPORT_NUMBER, failed(id, recent(10), contact)))));
        var m = message(id);
        assertThat(m).containsEntry("status", "FAILED");
        assertThat((Map<String, Object>) m.get("error")).containsEntry("code", 131026).containsEntry("title", "Message undeliverable");
        assertThat((Map<String, Object>) m.get("subaccount")).containsEntry("id", SUPPORT);
    }

    @Test
    void statusesForTwoNumbersInOneBodyGoToEachNumbersSubaccount() {
        var a = id("two-numbers-a");
        var b = id("two-numbers-b");
        var at = recent(12);
        var body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + WABA + "\",\"changes\":["
                + "{\"value\":" + statuses(SALES_NUMBER, status(a, "delivered", at, phone())) + ",\"field\":\"messages\"},"
                + "{\"value\":" + statuses(SUPPORT_NUMBER, status(b, "read", at, phone())) + ",\"field\":\"messages\"}]}]}";
        var response = post(port, body);
        ok(response);
        assertThat(response.body().get("changes").intValue()).isEqualTo(2);
        var first = message(a);
        var second = message(b);
        assertThat(first).containsEntry("status", "DELIVERED");
        assertThat(((Map<String, Object>) first.get("subaccount")).get("id")).isEqualTo(SALES);
        assertThat(second).containsEntry("status", "READ");
        assertThat(((Map<String, Object>) second.get("subaccount")).get("id")).isEqualTo(SUPPORT);
    }

    /** Every message kind from one contact, then the same contact's messages, counts by type and an export. */
    @Test
    void everyMessageKindShowsUpInTheReportTheCountsAndAnExport() {
        var from = phone();
        var t = recent(40);
        var head = "\"from\":\"" + from + "\",\"timestamp\":\"%s\",\"id\":\"%s\",";
        var kinds = new java.util.LinkedHashMap<String, String[]>(); // id -> {contentType, text, message JSON}
        kinds.put(id("k-text"), new String[] {"TEXT", "Bom dia", "\"type\":\"text\",\"text\":{\"body\":\"Bom dia\"}"});
        kinds.put(id("k-image"), new String[] {"IMAGE", "Foto do produto", "\"type\":\"image\",\"image\":{\"caption\":"
                + "\"Foto do produto\",\"mime_type\":\"image/jpeg\",\"sha256\":\"h\",\"id\":\"1479537139650973\"}"});
        kinds.put(id("k-audio"), new String[] {"AUDIO", "", "\"type\":\"audio\",\"audio\":{\"mime_type\":\"audio/ogg\","
                + "\"sha256\":\"h\",\"id\":\"1003383421387256\",\"voice\":true}"});
        kinds.put(id("k-video"), new String[] {"VIDEO", "", "\"type\":\"video\",\"video\":{\"mime_type\":\"video/mp4\","
                + "\"sha256\":\"h\",\"id\":\"1184659199487127\"}"});
        kinds.put(id("k-document"), new String[] {"DOCUMENT", "boleto.pdf", "\"type\":\"document\",\"document\":"
                + "{\"filename\":\"boleto.pdf\",\"mime_type\":\"application/pdf\",\"sha256\":\"h\",\"id\":\"1022745579346234\"}"});
        kinds.put(id("k-sticker"), new String[] {"STICKER", "", "\"type\":\"sticker\",\"sticker\":{\"mime_type\":"
                + "\"image/webp\",\"sha256\":\"h\",\"id\":\"1036154571440298\",\"animated\":false}"});
        kinds.put(id("k-location"), new String[] {"LOCATION", "Loja · Rua A, 1 · -23.5,-46.6", "\"type\":\"location\","
                + "\"location\":{\"latitude\":-23.5,\"longitude\":-46.6,\"name\":\"Loja\",\"address\":\"Rua A, 1\"}"});
        kinds.put(id("k-contacts"), new String[] {"CONTACTS", "Barbara J. Johnson", "\"type\":\"contacts\",\"contacts\":"
                + "[{\"name\":{\"formatted_name\":\"Barbara J. Johnson\",\"first_name\":\"Barbara\"},\"phones\":"
                + "[{\"phone\":\"+1 (940) 555-1234\",\"wa_id\":\"19405551234\",\"type\":\"HOME\"}]}]"});
        kinds.put(id("k-button-reply"), new String[] {"INTERACTIVE", "Sim", "\"type\":\"interactive\",\"interactive\":"
                + "{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"yes-1\",\"title\":\"Sim\"}}"});
        kinds.put(id("k-list-reply"), new String[] {"INTERACTIVE", "Amanhã", "\"type\":\"interactive\",\"interactive\":"
                + "{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"slot-2\",\"title\":\"Amanhã\",\"description\":\"9h\"}}"});
        kinds.put(id("k-reaction"), new String[] {"REACTION", "❤", "\"type\":\"reaction\",\"reaction\":"
                + "{\"message_id\":\"wamid.SOMETHING\",\"emoji\":\"❤\"}"});
        kinds.put(id("k-unsupported"), new String[] {"UNSUPPORTED", "Message type unknown", "\"type\":\"unsupported\","
                + "\"errors\":[{\"code\":131051,\"title\":\"Message type unknown\",\"message\":\"Message type unknown\","
                + "\"error_data\":{\"details\":\"Message type unknown\"}}]"});
        kinds.put(id("k-referral"), new String[] {"TEXT", "Vi o anúncio", "\"type\":\"text\",\"text\":{\"body\":"
                + "\"Vi o anúncio\"},\"referral\":{\"source_url\":\"https://fb.me/x\",\"source_id\":\"ad-" + RUN
                + "\",\"source_type\":\"ad\",\"headline\":\"Frete grátis\",\"body\":\"b\",\"ctwa_clid\":\"clid-" + RUN + "\"}"});
        var list = new java.util.ArrayList<String>();
        int i = 0;
        for (var e : kinds.entrySet()) {
            list.add("{" + head.formatted(ts(t.plusSeconds(i++)), e.getKey()) + e.getValue()[2] + "}");
        }
        // two messages per body, as Meta batches them at times
        for (int k = 0; k < list.size(); k += 2) {
            var pair = list.subList(k, Math.min(list.size(), k + 2)).toArray(String[]::new);
            ok(post(port, body(messages(SALES_NUMBER, contact("Cliente", from, null), pair))));
        }
        var media = Map.of(id("k-image"), Map.of("id", "1479537139650973", "mimeType", "image/jpeg"),
                id("k-audio"), Map.of("id", "1003383421387256", "mimeType", "audio/ogg"),
                id("k-video"), Map.of("id", "1184659199487127", "mimeType", "video/mp4"),
                id("k-document"), Map.of("id", "1022745579346234", "mimeType", "application/pdf"),
                id("k-sticker"), Map.of("id", "1036154571440298", "mimeType", "image/webp"));
        for (var e : kinds.entrySet()) {
            var m = message(e.getKey());
            assertThat(m).as(e.getKey()).containsEntry("__typename", "ReceivedMessage")
                    .containsEntry("contentType", e.getValue()[0]).containsEntry("text", e.getValue()[1])
                    .containsEntry("media", media.get(e.getKey()));
            assertThat((Map<String, Object>) m.get("contact")).as(e.getKey()).containsEntry("name", "Cliente");
        }
        var referral = message(id("k-referral"));
        assertThat((Map<String, Object>) referral.get("campaign")).containsEntry("id", "ad-" + RUN).containsEntry("name", "Frete grátis");
        assertThat(referral).containsEntry("correlationId", "clid-" + RUN);
        assertThat((Map<String, Object>) message(id("k-button-reply")).get("button")).containsEntry("payload", "yes-1");
        assertThat(message(id("k-reaction"))).containsEntry("inReplyToId", "wamid.SOMETHING");
        assertThat(count(store, "SELECT count() AS c FROM rastro.webhook_unhandled WHERE account_id = {a:String} "
                + "AND kind = 'UNSUPPORTED_MESSAGE' AND raw LIKE {like:String}",
                Map.of("a", ACCOUNT, "like", "%" + id("k-unsupported") + "%"))).isEqualTo(1);

        var filter = Map.of("period", period(), "contact", "+" + from);
        var total = admin(port).document("query($input: MessagesInput!) { messages(input: $input) { totalCount "
                + "edges { node { id } } } }").variable("input", Map.of("filter", filter, "first", 50)).execute();
        total.path("messages.totalCount").entity(Long.class).isEqualTo((long) kinds.size());
        assertThat(total.path("messages.edges[*].node.id").entityList(String.class).get())
                .containsExactlyInAnyOrderElementsOf(kinds.keySet());

        var expected = new HashMap<String, Long>();
        kinds.values().forEach(v -> expected.merge(v[0], 1L, Long::sum));
        var counts = admin(port).document("query($input: MessageCountsInput!) { messageCounts(input: $input) { total "
                        + "groups { keys { value } count } } }")
                .variable("input", Map.of("filter", filter, "groupBy", List.of("CONTENT_TYPE"))).execute();
        counts.path("messageCounts.total").entity(Long.class).isEqualTo((long) kinds.size());
        var groups = counts.path("messageCounts.groups").entityList(MAP).get();
        var actual = new HashMap<String, Long>();
        for (var g : groups) {
            var keys = (List<Map<String, Object>>) (List) g.get("keys");
            actual.put((String) keys.getFirst().get("value"), ((Number) g.get("count")).longValue());
        }
        assertThat(actual).isEqualTo(expected);

        var csv = export(Map.of("filter", filter, "format", "CSV", "columns", List.of("MESSAGE_ID", "CONTENT_TYPE",
                "CONTACT_PHONE", "CAMPAIGN_ID", "CONTACT_NAME", "MEDIA_ID", "MEDIA_MIME_TYPE")));
        for (var id : kinds.keySet()) {
            assertThat(csv).contains(id);
        }
        assertThat(csv.lines().filter(l -> l.contains(id("k-image"))).findFirst().orElseThrow())
                .isEqualTo(quoted(id("k-image"), "IMAGE", from, "", "Cliente", "1479537139650973", "image/jpeg"));
        assertThat(csv.lines().filter(l -> l.contains(id("k-text"))).findFirst().orElseThrow())
                .isEqualTo(quoted(id("k-text"), "TEXT", from, "", "Cliente", "", ""));
        assertThat(csv).contains("ad-" + RUN).contains("UNSUPPORTED");
    }

    @Test
    void aContactKnownOnlyByItsBsuidIsAFirstClassRow() {
        var bsuid = "US." + ThreadLocalRandom.current().nextLong(10_000_000_000_000_000L, 99_999_999_999_999_999L);
        var id = id("bsuid-only");
        var message = "{\"from_user_id\":\"" + bsuid + "\",\"id\":\"" + id + "\",\"timestamp\":\"" + ts(recent(8))
                + "\",\"type\":\"text\",\"text\":{\"body\":\"sem telefone\"}}";
        ok(post(port, body(messages(SUPPORT_NUMBER, contact("maria.s", null, bsuid), message))));
        // and a status for a message to that user, known only by recipient_user_id
        var mt = id("bsuid-mt");
        ok(post(port, body(statuses(SUPPORT_NUMBER, "{\"id\":\"" + mt + "\",\"status\":\"delivered\",\"timestamp\":\""
                + ts(recent(7)) + "\",\"recipient_id\":\"\",\"recipient_user_id\":\"" + bsuid + "\"}"))));

        var contact = (Map<String, Object>) message(id).get("contact");
        assertThat(contact.get("phone")).isNull();
        assertThat(contact.get("waId")).isNull();
        assertThat(contact.get("bsuid")).isEqualTo(bsuid);
        var filter = Map.of("period", period(), "contact", bsuid);
        var listed = admin(port).document("query($input: MessagesInput!) { messages(input: $input) { totalCount "
                + "edges { node { id contact { bsuid } } } } }").variable("input", Map.of("filter", filter)).execute();
        listed.path("messages.totalCount").entity(Long.class).isEqualTo(2L);
        assertThat(listed.path("messages.edges[*].node.id").entityList(String.class).get()).containsExactlyInAnyOrder(id, mt);
        admin(port).document("query($input: MessageCountsInput!) { messageCounts(input: $input) { total } }")
                .variable("input", Map.of("filter", filter, "groupBy", List.of("DIRECTION"))).execute()
                .path("messageCounts.total").entity(Long.class).isEqualTo(2L);
        var csv = export(Map.of("filter", filter, "format", "CSV", "columns", List.of("MESSAGE_ID", "CONTACT_BSUID",
                "CONTACT_PHONE", "TEXT")));
        assertThat(csv).contains(id).contains(mt).contains(bsuid).contains("sem telefone");
    }

    @Test
    void nonAsciiTextArrivesWhetherEscapedAsMetaSendsItOrRawUtf8() {
        var escaped = id("escaped");
        var raw = id("raw-utf8");
        var from = phone();
        var escapedBody = body(messages(SALES_NUMBER, "{\"profile\":{\"name\":\"Jos\\u00e9\"},\"wa_id\":\"" + from + "\"}",
                "{\"from\":\"" + from + "\",\"id\":\"" + escaped + "\",\"timestamp\":\"" + ts(recent(6))
                        + "\",\"text\":{\"body\":\"Ol\\u00e1! Ma\\u00e7\\u00e3 \\ud83d\\ude00\"},\"type\":\"text\"}"));
        assertThat(escapedBody).matches("\\p{ASCII}*");
        ok(post(port, escapedBody.getBytes(StandardCharsets.US_ASCII),
                WebhookSignature.sign(SECRET_NEW, escapedBody.getBytes(StandardCharsets.US_ASCII))));
        ok(post(port, body(messages(SALES_NUMBER, contact("José", from, null),
                text(raw, from, recent(5), "Olá! Maçã 😀")))));
        assertThat(message(escaped)).containsEntry("text", "Olá! Maçã 😀");
        assertThat(message(raw)).containsEntry("text", "Olá! Maçã 😀");
    }

    @Test
    void valueLevelErrorsAndUnknownFieldsAre200AndKeptRaw() {
        var marker = "marker-" + RUN + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
        var errors = "{" + metadata(SALES_NUMBER) + ",\"errors\":[{\"code\":130501,\"title\":\"" + marker + "\","
                + "\"message\":\"Unsupported message type\",\"error_data\":{\"details\":\"d\"}}]}";
        ok(post(port, body(errors)));
        var unknownField = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + WABA + "\",\"changes\":"
                + "[{\"value\":{\"event\":\"APPROVED\",\"message_template_name\":\"" + marker + "\"},\"field\":"
                + "\"message_template_status_update\"}]}]}";
        ok(post(port, unknownField));
        assertThat(count(store, "SELECT count() AS c FROM rastro.webhook_unhandled WHERE raw LIKE {like:String} "
                + "AND ((kind = 'VALUE_ERROR' AND account_id = {a:String}) OR kind = 'UNKNOWN_FIELD')",
                Map.of("a", ACCOUNT, "like", "%" + marker + "%"))).isEqualTo(2);
    }

    Map<String, Object> period() {
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return Map.of("from", now.minus(Duration.ofDays(1)).toString(), "to", now.plus(Duration.ofHours(1)).toString());
    }

    /** Runs a CSV export to its end and returns the file's text. */
    /** A CSV line of text cells, each quoted as the export writes them. */
    static String quoted(String... cells) {
        return java.util.Arrays.stream(cells).map(c -> "\"" + c + "\"").collect(java.util.stream.Collectors.joining(","));
    }

    String export(Map<String, Object> input) {
        var job = admin(port).document("mutation($input: StartExportInput!) { startExport(input: $input) { job { id } } }")
                .variable("input", input).execute().path("startExport.job.id").entity(String.class).get();
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var state = admin(port).document("query($id: ID!) { exportJob(id: $id) { status downloadUrl failure } }")
                    .variable("id", job).execute().path("exportJob").entity(MAP).get();
            if ("DONE".equals(state.get("status"))) {
                return Clients.http(port, Clients.basic(ADMIN)).get().uri((String) state.get("downloadUrl"))
                        .retrieve().body(String.class);
            }
            assertThat(state.get("status")).as("export: %s", state.get("failure")).isIn("QUEUED", "RUNNING");
            assertThat(System.nanoTime()).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    Instant whatsappWatermark() {
        var sources = admin(port).document("{ freshness { sources { name watermark } } }").execute()
                .path("freshness.sources").entityList(MAP).get();
        return sources.stream().filter(source -> "whatsapp".equals(source.get("name")))
                .map(source -> at(source.get("watermark"))).findFirst().orElseThrow();
    }

    @Test
    void acknowledgedWebhooksMoveTheWhatsAppWatermarkButNeverIntoTheFuture() {
        var contact = phone();
        // Meta's timestamps are whole seconds; no other test of the class sends a later one than now
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ok(post(port, body(statuses(SALES_NUMBER, MetaBodies.status(id("fresh-now"), "sent", now, contact)))));
        assertThat(whatsappWatermark()).isEqualTo(now);

        // a sender's clock ten minutes ahead: the watermark stops at when the webhook arrived
        var before = Instant.now();
        ok(post(port, body(statuses(SALES_NUMBER, MetaBodies.status(id("fresh-ahead"), "sent",
                now.plus(Duration.ofMinutes(10)), contact)))));
        var after = Instant.now();
        assertThat(whatsappWatermark()).isBetween(before.truncatedTo(ChronoUnit.MILLIS), after);
    }
}
