package io.rastro.webhook;

import io.rastro.domain.Direction;
import io.rastro.ingest.MessageRow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mapping, one table row per kind of status and message, with values shaped like Meta's reference examples
 * (the messages and status webhook references, and fixtures of public SDKs). Expected values are written out by
 * hand, not computed by the code under test.
 */
class WebhookMappingTest {

    static final Route ROUTE = new Route("acme", "acme-marketing");
    static final Instant NOW = Instant.parse("2026-11-25T15:00:00Z");
    static final Instant AT = Instant.parse("2026-11-25T14:03:00Z"); // 1795615380
    static final String PN = "106540352242922";

    static Mapped map(String value) {
        var changes = WebhookBody.parse(MetaBodies.body(value).getBytes(StandardCharsets.UTF_8));
        assertThat(changes).hasSize(1);
        return WebhookMapping.map(changes.getFirst(), ROUTE, NOW);
    }

    static MessageRow onlyMessage(String message, String contacts) {
        var mapped = map(MetaBodies.messages(PN, contacts, message));
        assertThat(mapped.received()).hasSize(1);
        return mapped.received().getFirst();
    }

    /**
     * Expected MO rows: type, text, button payload and text, reply-to, campaign id and name, correlation, conversation
     * type, and whether something is kept raw beside the row.
     */
    record Mo(String contentType, String text, String payload, String buttonText, String replyTo, String campaignId,
              String campaignName, String correlation, String conversationType, String kept) {
    }

    static Stream<Arguments> messageKinds() {
        var head = "\"from\":\"5511912345678\",\"id\":\"wamid.MO1\",\"timestamp\":\"1795615380\",";
        return Stream.of(
                Arguments.of("text", "{" + head + "\"type\":\"text\",\"text\":{\"body\":\"Olá, quero saber do pedido\"}}",
                        new Mo("TEXT", "Olá, quero saber do pedido", "", "", "", "", "", "", "", null)),
                Arguments.of("image", "{" + head + "\"type\":\"image\",\"image\":{\"caption\":\"Nota fiscal\","
                                + "\"mime_type\":\"image/jpeg\",\"sha256\":\"IMAGE_HASH\",\"id\":\"1479537139650973\"}}",
                        new Mo("IMAGE", "Nota fiscal", "", "", "", "", "", "", "", null)),
                Arguments.of("audio", "{" + head + "\"type\":\"audio\",\"audio\":{\"mime_type\":\"audio/ogg; codecs=opus\","
                                + "\"sha256\":\"AUDIO_HASH\",\"id\":\"1003383421387256\",\"voice\":true}}",
                        new Mo("AUDIO", "", "", "", "", "", "", "", "", null)),
                Arguments.of("video", "{" + head + "\"type\":\"video\",\"video\":{\"caption\":\"Veja\",\"mime_type\":"
                                + "\"video/mp4\",\"sha256\":\"H\",\"id\":\"1184659199487127\"}}",
                        new Mo("VIDEO", "Veja", "", "", "", "", "", "", "", null)),
                Arguments.of("document", "{" + head + "\"type\":\"document\",\"document\":{\"filename\":\"boleto.pdf\","
                                + "\"mime_type\":\"application/pdf\",\"sha256\":\"H\",\"id\":\"1022745579346234\"}}",
                        new Mo("DOCUMENT", "boleto.pdf", "", "", "", "", "", "", "", null)),
                Arguments.of("sticker", "{" + head + "\"type\":\"sticker\",\"sticker\":{\"mime_type\":\"image/webp\","
                                + "\"sha256\":\"H\",\"id\":\"1036154571440298\",\"animated\":false}}",
                        new Mo("STICKER", "", "", "", "", "", "", "", "", null)),
                Arguments.of("location", "{" + head + "\"type\":\"location\",\"location\":{\"address\":\"Av. Paulista, 1578\","
                                + "\"latitude\":-23.5614,\"longitude\":-46.6559,\"name\":\"MASP\",\"url\":\"https://masp.org.br\"}}",
                        new Mo("LOCATION", "MASP · Av. Paulista, 1578 · -23.5614,-46.6559", "", "", "", "", "", "", "", null)),
                Arguments.of("contacts", "{" + head + "\"type\":\"contacts\",\"contacts\":[{\"name\":{\"formatted_name\":"
                                + "\"Barbara J. Johnson\",\"first_name\":\"Barbara\"},\"phones\":[{\"phone\":\"+1 (940) 555-1234\","
                                + "\"wa_id\":\"19405551234\",\"type\":\"HOME\"}]},{\"name\":{\"formatted_name\":\"Ana\"}}]}",
                        new Mo("CONTACTS", "Barbara J. Johnson, Ana", "", "", "", "", "", "", "", null)),
                Arguments.of("interactive button_reply", "{\"context\":{\"from\":\"15550783881\",\"id\":\"wamid.MT1\"},"
                                + head + "\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\","
                                + "\"button_reply\":{\"id\":\"cancel-order\",\"title\":\"Cancelar\"}}}",
                        new Mo("INTERACTIVE", "Cancelar", "cancel-order", "Cancelar", "wamid.MT1", "", "", "", "", null)),
                Arguments.of("interactive list_reply", "{\"context\":{\"from\":\"15550783881\",\"id\":\"wamid.MT2\"},"
                                + head + "\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\",\"list_reply\":"
                                + "{\"id\":\"priority-express\",\"title\":\"Express\",\"description\":\"Next day\"}}}",
                        new Mo("INTERACTIVE", "Express", "priority-express", "Express", "wamid.MT2", "", "", "", "", null)),
                Arguments.of("template quick reply (button)", "{\"context\":{\"from\":\"15550783881\",\"id\":\"wamid.MT3\"},"
                                + head + "\"type\":\"button\",\"button\":{\"payload\":\"BF_YES\",\"text\":\"Quero o desconto\"}}",
                        new Mo("BUTTON", "Quero o desconto", "BF_YES", "Quero o desconto", "wamid.MT3", "", "", "", "", null)),
                Arguments.of("reaction", "{" + head + "\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.MT4\","
                                + "\"emoji\":\"\\uD83D\\uDC4D\"}}",
                        new Mo("REACTION", "👍", "", "", "wamid.MT4", "", "", "", "", null)),
                Arguments.of("unsupported", "{" + head + "\"type\":\"unsupported\",\"errors\":[{\"code\":131051,"
                                + "\"title\":\"Message type unknown\",\"message\":\"Message type unknown\","
                                + "\"error_data\":{\"details\":\"Message type is currently not supported.\"}}]}",
                        new Mo("UNSUPPORTED", "Message type unknown: Message type is currently not supported.", "", "",
                                "", "", "", "", "", "UNSUPPORTED_MESSAGE")),
                Arguments.of("unknown type", "{" + head + "\"type\":\"order\",\"order\":{\"catalog_id\":\"1\"}}",
                        new Mo("UNSUPPORTED", "", "", "", "", "", "", "", "", "UNKNOWN_TYPE")),
                Arguments.of("click-to-WhatsApp referral", "{\"referral\":{\"source_url\":\"https://fb.me/3cr4Wqqkv\","
                                + "\"source_id\":\"120226305854810726\",\"source_type\":\"ad\",\"body\":\"Frete grátis\","
                                + "\"headline\":\"Black Friday Acme\",\"media_type\":\"image\",\"image_url\":\"https://x\","
                                + "\"ctwa_clid\":\"ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a\"},"
                                + head + "\"type\":\"text\",\"text\":{\"body\":\"Quero saber mais\"}}",
                        new Mo("TEXT", "Quero saber mais", "", "", "", "120226305854810726", "Black Friday Acme",
                                "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a",
                                "FREE_ENTRY_POINT", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageKinds")
    void messageKindBecomesItsRow(String kind, String message, Mo expected) {
        var mapped = map(MetaBodies.messages(PN, MetaBodies.contact("Ana Souza", "5511912345678", null), message));
        assertThat(mapped.received()).hasSize(1);
        var row = mapped.received().getFirst();
        assertThat(row.direction()).isEqualTo(Direction.MO);
        assertThat(row.accountId()).isEqualTo("acme");
        assertThat(row.subaccountId()).isEqualTo("acme-marketing");
        assertThat(row.messageId()).isEqualTo("wamid.MO1");
        assertThat(row.eventTime()).isEqualTo(AT);
        assertThat(row.contactPhone()).isEqualTo("5511912345678");
        assertThat(row.contactWaId()).isEqualTo("5511912345678");
        assertThat(row.contactBsuid()).isEmpty();
        assertThat(row.contactName()).as("contacts[].profile.name").isEqualTo("Ana Souza");
        assertThat(row.contentType()).isEqualTo(expected.contentType());
        assertThat(row.text()).isEqualTo(expected.text());
        assertThat(row.buttonPayload()).isEqualTo(expected.payload());
        assertThat(row.buttonText()).isEqualTo(expected.buttonText());
        assertThat(row.replyToMessageId()).isEqualTo(expected.replyTo());
        assertThat(row.campaignId()).isEqualTo(expected.campaignId());
        assertThat(row.campaignName()).isEqualTo(expected.campaignName());
        assertThat(row.correlationId()).isEqualTo(expected.correlation());
        assertThat(row.conversationType()).isEqualTo(expected.conversationType());
        assertThat(row.conversationExpiresAt()).isEqualTo(expected.conversationType().isEmpty() ? null
                : AT.plusSeconds(72 * 3600));
        assertThat(mapped.kept()).extracting(Mapped.Kept::kind)
                .isEqualTo(expected.kept() == null ? List.of() : List.of(expected.kept()));
    }

    /** Expected status steps: step, time, error code and title, conversation, pricing. */
    record St(String step, Instant at, long code, String title, String conversationId, String conversationType,
              Instant expiresAt, String category, String model, String type, Boolean billable, String phone,
              String waId, String bsuid, String correlation) {
    }

    static Stream<Arguments> statusKinds() {
        var c = "\"conversation\":{\"id\":\"CONV1\",\"expiration_timestamp\":\"1795701780\",\"origin\":{\"type\":\"business_initiated\"}}";
        return Stream.of(
                Arguments.of("sent, CBP", "{\"id\":\"wamid.S\",\"status\":\"sent\",\"timestamp\":\"1795615380\","
                                + "\"recipient_id\":\"5511912345678\"," + c + ",\"pricing\":{\"billable\":true,"
                                + "\"pricing_model\":\"CBP\",\"category\":\"marketing\"}}",
                        new St("SENT", AT, 0, "", "CONV1", "BUSINESS_INITIATED", Instant.ofEpochSecond(1795701780L),
                                "marketing", "CBP", "", true, "5511912345678", "5511912345678", "", "")),
                Arguments.of("delivered, PMP, timestamp as a number", "{\"id\":\"wamid.S\",\"status\":\"delivered\","
                                + "\"timestamp\":1795615380,\"recipient_id\":\"5511912345678\",\"pricing\":{\"billable\":false,"
                                + "\"pricing_model\":\"PMP\",\"category\":\"utility\",\"type\":\"free_customer_service\"}}",
                        new St("DELIVERED", AT, 0, "", "", "", null, "utility", "PMP", "free_customer_service", false,
                                "5511912345678", "5511912345678", "", "")),
                Arguments.of("read, BSUID only (empty recipient_id)", "{\"id\":\"wamid.S\",\"status\":\"read\","
                                + "\"timestamp\":\"1795615380\",\"recipient_id\":\"\",\"recipient_user_id\":\"US.13491208655302741918\"}",
                        new St("READ", AT, 0, "", "", "", null, "", "", "", null, "", "", "US.13491208655302741918", "")),
                Arguments.of("played", "{\"id\":\"wamid.S\",\"status\":\"played\",\"timestamp\":\"1795615380\","
                                + "\"recipient_id\":\"5511912345678\"}",
                        new St("PLAYED", AT, 0, "", "", "", null, "", "", "", null, "5511912345678", "5511912345678", "", "")),
                Arguments.of("failed with errors[]", "{\"id\":\"wamid.S\",\"status\":\"failed\",\"timestamp\":\"1795615380\","
                                + "\"recipient_id\":\"5511912345678\",\"errors\":[{\"code\":131049,\"title\":\"This message was "
                                + "not delivered to maintain healthy ecosystem engagement.\",\"message\":\"This message was not "
                                + "delivered to maintain healthy ecosystem engagement.\",\"error_data\":{\"details\":\"In order "
                                + "to maintain a healthy ecosystem engagement, the message failed to be delivered.\"}}]}",
                        new St("FAILED", AT, 131049, "This message was not delivered to maintain healthy ecosystem "
                                + "engagement.: In order to maintain a healthy ecosystem engagement, the message failed to be "
                                + "delivered.", "", "", null, "", "", "", null, "5511912345678", "5511912345678", "", "")),
                Arguments.of("free entry point conversation, expiry defaulted, correlation", "{\"id\":\"wamid.S\","
                                + "\"status\":\"sent\",\"timestamp\":\"1795615380\",\"recipient_id\":\"5511912345678\","
                                + "\"biz_opaque_callback_data\":\"order-77\",\"conversation\":{\"id\":\"CONV2\",\"origin\":"
                                + "{\"type\":\"referral_conversion\"}},\"pricing\":{\"billable\":false,\"pricing_model\":\"PMP\","
                                + "\"category\":\"referral_conversion\",\"type\":\"free_entry_point\"}}",
                        new St("SENT", AT, 0, "", "CONV2", "FREE_ENTRY_POINT", AT.plusSeconds(72 * 3600),
                                "referral_conversion", "PMP", "free_entry_point", false, "5511912345678", "5511912345678",
                                "", "order-77")),
                Arguments.of("deleted", "{\"id\":\"wamid.S\",\"status\":\"deleted\",\"timestamp\":\"1795615380\","
                                + "\"recipient_id\":\"5511912345678\"}",
                        new St("DELETED", AT, 0, "", "", "", null, "", "", "", null, "5511912345678", "5511912345678", "", "")),
                Arguments.of("warning", "{\"id\":\"wamid.S\",\"status\":\"warning\",\"timestamp\":\"1795615380\","
                                + "\"recipient_id\":\"5511912345678\",\"errors\":[{\"code\":1,\"title\":\"Catalog item unavailable\"}]}",
                        new St("WARNING", AT, 1, "Catalog item unavailable", "", "", null, "", "", "", null,
                                "5511912345678", "5511912345678", "", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statusKinds")
    void statusBecomesAStepAndTheRowItWouldCreate(String kind, String status, St expected) {
        var mapped = map(MetaBodies.statuses(PN, status));
        assertThat(mapped.kept()).isEmpty();
        assertThat(mapped.statuses()).hasSize(1);
        var step = mapped.statuses().getFirst().step();
        assertThat(step.accountId()).isEqualTo("acme");
        assertThat(step.messageId()).isEqualTo("wamid.S");
        assertThat(step.status()).isEqualTo(expected.step());
        assertThat(step.statusAt()).isEqualTo(expected.at());
        assertThat(step.errorCode()).isEqualTo(expected.code());
        assertThat(step.errorTitle()).isEqualTo(expected.title());
        assertThat(step.conversationId()).isEqualTo(expected.conversationId());
        assertThat(step.conversationType()).isEqualTo(expected.conversationType());
        assertThat(step.conversationExpiresAt()).isEqualTo(expected.expiresAt());
        assertThat(step.pricingCategory()).isEqualTo(expected.category());
        assertThat(step.pricingModel()).isEqualTo(expected.model());
        assertThat(step.pricingType()).isEqualTo(expected.type());
        assertThat(step.pricingBillable()).isEqualTo(expected.billable());
        var created = mapped.statuses().getFirst().created();
        assertThat(created.direction()).isEqualTo(Direction.MT);
        assertThat(created.contentType()).isEqualTo("UNKNOWN");
        assertThat(created.eventTime()).isEqualTo(expected.at());
        assertThat(created.subaccountId()).isEqualTo("acme-marketing");
        assertThat(created.contactPhone()).isEqualTo(expected.phone());
        assertThat(created.contactWaId()).isEqualTo(expected.waId());
        assertThat(created.contactBsuid()).isEqualTo(expected.bsuid());
        assertThat(created.correlationId()).isEqualTo(expected.correlation());
        assertThat(created.pricingCategory()).isEqualTo(expected.category());
        assertThat(created.conversationId()).isEqualTo(expected.conversationId());
    }

    @Test
    void anUnknownStatusIsKeptNotMapped() {
        var mapped = map(MetaBodies.statuses(PN, "{\"id\":\"wamid.S\",\"status\":\"pending_review\",\"timestamp\":\"1795615380\"}"));
        assertThat(mapped.statuses()).isEmpty();
        assertThat(mapped.kept()).extracting(Mapped.Kept::kind).containsExactly("UNKNOWN_STATUS");
    }

    @Test
    void aBsuidOnlySenderTakesItsContactFromContacts() {
        var row = onlyMessage("{\"from_user_id\":\"US.13491208655302741918\",\"id\":\"wamid.B\","
                        + "\"timestamp\":\"1795615380\",\"type\":\"text\",\"text\":{\"body\":\"oi\"}}",
                MetaBodies.contact("maria.s", null, "US.13491208655302741918"));
        assertThat(row.contactPhone()).isEmpty();
        assertThat(row.contactWaId()).isEmpty();
        assertThat(row.contactBsuid()).isEqualTo("US.13491208655302741918");
        assertThat(row.contactName()).isEqualTo("maria.s");
    }

    @Test
    void contactsFillInTheSendersBsuid() {
        var row = onlyMessage(MetaBodies.text("wamid.C", "5511912345678", AT, "oi"),
                MetaBodies.contact("Ana", "5511912345678", "BR.9988776655"));
        assertThat(row.contactPhone()).isEqualTo("5511912345678");
        assertThat(row.contactBsuid()).isEqualTo("BR.9988776655");
    }

    @Test
    void twoMessagesInOneChangeAreTwoRows() {
        var mapped = map(MetaBodies.messages(PN, MetaBodies.contact("Ana", "5511912345678", null) + ","
                        + MetaBodies.contact("Bia", "5521998765432", null),
                MetaBodies.text("wamid.T1", "5511912345678", AT, "um"),
                MetaBodies.text("wamid.T2", "5521998765432", AT.plusSeconds(1), "dois")));
        assertThat(mapped.received()).extracting(MessageRow::messageId, MessageRow::contactPhone, MessageRow::text,
                        MessageRow::contactName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("wamid.T1", "5511912345678", "um", "Ana"),
                        org.assertj.core.groups.Tuple.tuple("wamid.T2", "5521998765432", "dois", "Bia"));
    }

    /**
     * Each media type keeps its file's id and mime type beside the caption (the text, as in messageKinds); other
     * types have none. Bodies as in Meta's messages webhook reference.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "image    | \"image\":{\"caption\":\"Nota fiscal\",\"mime_type\":\"image/jpeg\",\"sha256\":\"H\",\"id\":\"1479537139650973\"} | 1479537139650973 | image/jpeg",
            "audio    | \"audio\":{\"mime_type\":\"audio/ogg; codecs=opus\",\"sha256\":\"H\",\"id\":\"1003383421387256\",\"voice\":true} | 1003383421387256 | audio/ogg; codecs=opus",
            "video    | \"video\":{\"caption\":\"Veja\",\"mime_type\":\"video/mp4\",\"sha256\":\"H\",\"id\":\"1184659199487127\"} | 1184659199487127 | video/mp4",
            "document | \"document\":{\"filename\":\"boleto.pdf\",\"mime_type\":\"application/pdf\",\"sha256\":\"H\",\"id\":\"1022745579346234\"} | 1022745579346234 | application/pdf",
            "sticker  | \"sticker\":{\"mime_type\":\"image/webp\",\"sha256\":\"H\",\"id\":\"1036154571440298\",\"animated\":false} | 1036154571440298 | image/webp",
            "image    | \"image\":{\"caption\":\"sem tipo\",\"id\":\"1479537139650974\"} | 1479537139650974 | ''",
            "text     | \"text\":{\"body\":\"oi\"} | '' | ''"})
    void mediaKeepsItsIdAndMimeType(String type, String object, String mediaId, String mimeType) {
        var row = onlyMessage("{\"from\":\"5511912345678\",\"id\":\"wamid.M\",\"timestamp\":\"1795615380\","
                + "\"type\":\"" + type + "\"," + object + "}", MetaBodies.contact("Ana", "5511912345678", null));
        assertThat(row.contentType()).isEqualTo(type.toUpperCase(java.util.Locale.ROOT));
        assertThat(row.mediaId()).isEqualTo(mediaId);
        assertThat(row.mediaMimeType()).isEqualTo(mimeType);
    }

    @Test
    void valueLevelErrorsAndUnknownFieldsAreKept() {
        var errors = map("{" + MetaBodies.metadata(PN) + ",\"errors\":[{\"code\":130501,\"title\":\"Unsupported "
                + "message type\",\"message\":\"x\",\"error_data\":{\"details\":\"y\"}}]}");
        assertThat(errors.kept()).extracting(Mapped.Kept::kind).containsExactly("VALUE_ERROR");
        var body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":"
                + "{\"event\":\"APPROVED\",\"message_template_id\":594425479261596},\"field\":\"message_template_status_update\"}]}]}";
        var change = WebhookBody.parse(body.getBytes(StandardCharsets.UTF_8)).getFirst();
        assertThat(change.phoneNumberId()).isEmpty();
        assertThat(WebhookMapping.map(change, ROUTE, NOW).kept()).extracting(Mapped.Kept::kind)
                .containsExactly("UNKNOWN_FIELD");
    }

    @Test
    void badTimestampsRejectTheBodyNamingTheField() {
        for (var bad : List.of("\"tomorrow\"", "\"1795615380000\"", "1.5", "\"\"", "\"946684799\"")) {
            var status = "{\"id\":\"wamid.S\",\"status\":\"sent\",\"timestamp\":" + bad + ",\"recipient_id\":\"1\"}";
            assertThatThrownBy(() -> map(MetaBodies.statuses(PN, status)))
                    .isInstanceOf(WebhookRejected.class)
                    .satisfies(e -> assertThat(((WebhookRejected) e).field())
                            .isEqualTo("entry[0].changes[0].value.statuses[0].timestamp"));
        }
    }

    @Test
    void theEnvelopeIsChecked() {
        assertThatThrownBy(() -> WebhookBody.parse("{\"object\":\"page\",\"entry\":[]}".getBytes()))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("whatsapp_business_account");
        assertThatThrownBy(() -> WebhookBody.parse("{\"object\":\"whatsapp_business_account\",".getBytes()))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("Not valid JSON");
        assertThatThrownBy(() -> WebhookBody.parse("{\"object\":\"whatsapp_business_account\",\"object\":\"x\",\"entry\":[]}".getBytes()))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("Not valid JSON");
    }
}
