package io.rastro.ingest;

import io.rastro.domain.Direction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event format, line by line, without a server: normalisation and the field each bad value is blamed on. */
class IngestEventParserTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    final EventParser parser = new EventParser("acme", Set.of("acme-sales", "acme-support"), NOW);

    Event parse(String line) {
        var bytes = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length);
    }

    static final String MT = """
            {"type":"mt","id":"wamid.X","at":"2026-11-20T11:03:00-03:00","subaccount":"acme-sales",\
            "user":"ana@acme.example","campaign":{"id":"cmp-acme-black-friday","name":"Black Friday 2026"},\
            "contentType":"TEMPLATE","text":"rendered body","template":{"name":"black_friday_offer","language":"pt_BR"},\
            "contact":{"phone":"+55 11 91234-5678","waId":"5511912345678","bsuid":"BR.123"},"sentWithSession":false,\
            "correlationId":"ord-1","conversation":{"id":"c1","type":"BUSINESS_INITIATED"},"pricingCategory":"Marketing"}""";

    @Test
    void anMtBecomesAnAcceptedRowAndItsAcceptedStep() {
        var sent = (Event.Sent) parse(MT);
        var row = sent.message();
        var at = Instant.parse("2026-11-20T14:03:00Z");
        assertThat(row.accountId()).isEqualTo("acme");
        assertThat(row.eventTime()).isEqualTo(at);
        assertThat(row.direction()).isEqualTo(Direction.MT);
        assertThat(row.subaccountId()).isEqualTo("acme-sales");
        assertThat(row.userId()).isEqualTo("ana@acme.example");
        assertThat(row.campaignId()).isEqualTo("cmp-acme-black-friday");
        assertThat(row.campaignName()).isEqualTo("Black Friday 2026");
        assertThat(row.contentType()).isEqualTo("TEMPLATE");
        assertThat(row.templateName()).isEqualTo("black_friday_offer");
        assertThat(row.templateLanguage()).isEqualTo("pt_BR");
        assertThat(row.contactPhone()).isEqualTo("5511912345678");
        assertThat(row.contactWaId()).isEqualTo("5511912345678");
        assertThat(row.contactBsuid()).isEqualTo("BR.123");
        assertThat(row.sentWithSession()).isFalse();
        assertThat(row.correlationId()).isEqualTo("ord-1");
        assertThat(row.conversationType()).isEqualTo("BUSINESS_INITIATED");
        assertThat(row.conversationExpiresAt()).isEqualTo(at.plusSeconds(24 * 3600));
        assertThat(row.pricingCategory()).isEqualTo("marketing");
        assertThat(sent.accepted()).isEqualTo(new StatusRow("acme", "wamid.X", "ACCEPTED", at, 0, ""));
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        var sent = (Event.Sent) parse("""
                {"type":"mt","id":"wamid.Y","at":"2026-11-20T14:03:00.123456Z","subaccount":"acme-support",\
                "contentType":"text","contact":{"bsuid":"BR.9"},"sentWithSession":true,"user":null}""");
        var row = sent.message();
        assertThat(row.eventTime()).isEqualTo(Instant.parse("2026-11-20T14:03:00.123Z"));
        assertThat(row.contentType()).isEqualTo("TEXT");
        assertThat(row.userId()).isEmpty();
        assertThat(row.campaignId()).isEmpty();
        assertThat(row.text()).isEmpty();
        assertThat(row.contactPhone()).isEmpty();
        assertThat(row.conversationId()).isEmpty();
        assertThat(row.conversationExpiresAt()).isNull();
    }

    @Test
    void aFreeEntryPointConversationLasts72Hours() {
        var row = ((Event.Sent) parse(MT.replace("BUSINESS_INITIATED", "FREE_ENTRY_POINT"))).message();
        assertThat(row.conversationExpiresAt()).isEqualTo(Instant.parse("2026-11-23T14:03:00Z"));
        var explicit = ((Event.Sent) parse(MT.replace("\"type\":\"BUSINESS_INITIATED\"",
                "\"type\":\"BUSINESS_INITIATED\",\"expiresAt\":\"2026-11-21T00:00:00Z\""))).message();
        assertThat(explicit.conversationExpiresAt()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
    }

    @Test
    void aButtonTapIsAReceivedMessage() {
        var received = (Event.Received) parse("""
                {"type":"mo","id":"wamid.R","at":"2026-11-20T15:00:00Z","subaccount":"acme-support","user":null,\
                "campaign":{"id":"cmp-acme-black-friday"},"contentType":"BUTTON","text":"Quero o desconto",\
                "contact":{"waId":"5511912345678"},"button":{"payload":"BF_YES","text":"Quero o desconto"},\
                "replyTo":"wamid.X","conversation":{"id":"c1"}}""");
        var row = received.message();
        assertThat(row.direction()).isEqualTo(Direction.MO);
        assertThat(row.buttonPayload()).isEqualTo("BF_YES");
        assertThat(row.buttonText()).isEqualTo("Quero o desconto");
        assertThat(row.replyToMessageId()).isEqualTo("wamid.X");
        assertThat(row.campaignName()).isEmpty();
        assertThat(row.conversationExpiresAt()).isEqualTo(Instant.parse("2026-11-21T15:00:00Z"));
    }

    @Test
    void mediaAndTheContactsNameAreKept() {
        var received = (Event.Received) parse("""
                {"type":"mo","id":"wamid.I","at":"2026-11-20T15:00:00Z","subaccount":"acme-support",\
                "contentType":"IMAGE","text":"Nota fiscal","contact":{"waId":"5511912345678","name":"Ana Souza"},\
                "media":{"id":"1479537139650973","mimeType":"image/jpeg"}}""");
        var row = received.message();
        assertThat(row.text()).isEqualTo("Nota fiscal");
        assertThat(row.mediaId()).isEqualTo("1479537139650973");
        assertThat(row.mediaMimeType()).isEqualTo("image/jpeg");
        assertThat(row.contactName()).isEqualTo("Ana Souza");
        var sent = ((Event.Sent) parse(MT)).message();
        assertThat(sent.mediaId()).isEmpty();
        assertThat(sent.mediaMimeType()).isEmpty();
        assertThat(sent.contactName()).isEmpty();
    }

    @Test
    void statusesCarryAnErrorOnlyWhenFailed() {
        var failed = (Event.StatusUpdate) parse("""
                {"type":"status","id":"wamid.X","status":"failed","at":"2026-11-20T14:05:00Z",\
                "error":{"code":131026,"title":"Message undeliverable"}}""");
        assertThat(failed.status()).isEqualTo(new StatusRow("acme", "wamid.X", "FAILED",
                Instant.parse("2026-11-20T14:05:00Z"), 131026, "Message undeliverable"));
        var delivered = (Event.StatusUpdate) parse("""
                {"type":"status","id":"wamid.X","status":"DELIVERED","at":"2026-11-20T14:05:00Z",\
                "error":{"code":1,"title":"ignored"}}""");
        assertThat(delivered.status().errorCode()).isZero();
        assertThat(delivered.status().errorTitle()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not json | line",
            "[1] | line",
            "`{\"type\":\"mt\"} {}` | line",
            "{} | type",
            "`{\"type\":\"sms\"}` | type",
            "`{\"type\":\"status\",\"account\":\"globex\",\"id\":\"wamid.X\",\"status\":\"READ\",\"at\":\"2026-11-20T14:03:00Z\"}` | account",
            "`{\"type\":\"status\",\"account\":\"acme\",\"account\":\"acme\",\"id\":\"wamid.X\"}` | line",
            "`{\"type\":\"status\",\"id\":\"\",\"status\":\"READ\",\"at\":\"2026-11-20T14:03:00Z\"}` | id",
            "`{\"type\":\"status\",\"id\":\"wamid X\",\"status\":\"READ\",\"at\":\"2026-11-20T14:03:00Z\"}` | id",
            "`{\"type\":\"status\",\"id\":\"wamid.X\",\"status\":\"ACCEPTED\",\"at\":\"2026-11-20T14:03:00Z\"}` | status",
            "`{\"type\":\"status\",\"id\":\"wamid.X\",\"status\":\"READ\",\"at\":1763647380}` | at",
            "`{\"type\":\"status\",\"id\":\"wamid.X\",\"status\":\"READ\",\"at\":\"2026-11-20 14:03:00\"}` | at",
            "`{\"type\":\"status\",\"id\":\"wamid.X\",\"status\":\"READ\",\"at\":\"1999-12-31T23:59:59Z\"}` | at",
            "`{\"type\":\"status\",\"id\":\"wamid.X\",\"status\":\"READ\",\"at\":\"2026-11-27T12:00:01Z\"}` | at",
            "`{\"type\":\"status\",\"id\":\"wamid.X\",\"status\":\"FAILED\",\"at\":\"2026-11-20T14:03:00Z\"}` | error",
            "`{\"type\":\"status\",\"id\":\"wamid.X\",\"status\":\"FAILED\",\"at\":\"2026-11-20T14:03:00Z\",\"error\":{\"title\":\"x\"}}` | error.code",
            "`{\"type\":\"status\",\"id\":\"wamid.X\",\"status\":\"FAILED\",\"at\":\"2026-11-20T14:03:00Z\",\"error\":{\"code\":-1,\"title\":\"x\"}}` | error.code",
            "`{\"type\":\"status\",\"id\":\"wamid.X\",\"status\":\"FAILED\",\"at\":\"2026-11-20T14:03:00Z\",\"error\":{\"code\":1}}` | error.title",
            "`{\"type\":\"mo\",\"id\":\"wamid.R\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"globex-ops\"}` | subaccount",
            "`{\"type\":\"mo\",\"id\":\"wamid.R\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"BUTTON\",\"contact\":{\"waId\":\"1\"}}` | button",
            "`{\"type\":\"mo\",\"id\":\"wamid.R\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"TEXT\",\"contact\":{\"waId\":\"1\"},\"button\":{\"payload\":\"P\"}}` | button",
            "`{\"type\":\"mo\",\"id\":\"wamid.R\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"TEXT\",\"contact\":\"5511912345678\"}` | contact",
            "`{\"type\":\"mo\",\"id\":\"wamid.R\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"TEXT\",\"contact\":{\"phone\":\"\"}}` | contact",
            "`{\"type\":\"mo\",\"id\":\"wamid.R\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"TEXT\",\"contact\":{\"phone\":\"+55 11\"}}` | contact.phone",
            "`{\"type\":\"mo\",\"id\":\"wamid.R\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"TEXT\",\"contact\":{\"waId\":\"1\"},\"text\":42}` | text",
            "`{\"type\":\"mo\",\"id\":\"wamid.R\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"TEXT\",\"contact\":{\"waId\":\"1\"},\"conversation\":{\"type\":\"USER_INITIATED\"}}` | conversation.id",
            "`{\"type\":\"mo\",\"id\":\"wamid.R\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"TEXT\",\"contact\":{\"waId\":\"1\"},\"conversation\":{\"id\":\"c\",\"expiresAt\":\"soon\"}}` | conversation.expiresAt",
            "`{\"type\":\"mt\",\"id\":\"wamid.X\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"TEXT\",\"contact\":{\"waId\":\"1\"},\"sentWithSession\":\"no\"}` | sentWithSession",
            "`{\"type\":\"mt\",\"id\":\"wamid.X\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"TEXT\",\"contact\":{\"waId\":\"1\"},\"sentWithSession\":true,\"template\":{\"language\":\"pt_BR\"}}` | template.name",
            "`{\"type\":\"mt\",\"id\":\"wamid.X\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"TEXT\",\"contact\":{\"waId\":\"1\"},\"sentWithSession\":true,\"campaign\":{\"name\":\"n\"}}` | campaign.id",
            "`{\"type\":\"mt\",\"id\":\"wamid.X\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"TEXT\",\"contact\":{\"waId\":\"1\"},\"sentWithSession\":true,\"pricingCategory\":\"big spender\"}` | pricingCategory",
            "`{\"type\":\"mt\",\"id\":\"wamid.X\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"TEXT\",\"contact\":{\"waId\":\"1\"},\"sentWithSession\":true,\"media\":{\"id\":\"1479537139650973\"}}` | media",
            "`{\"type\":\"mo\",\"id\":\"wamid.R\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"IMAGE\",\"contact\":{\"waId\":\"1\"},\"media\":{\"mimeType\":\"image/jpeg\"}}` | media.id",
            "`{\"type\":\"mo\",\"id\":\"wamid.R\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"IMAGE\",\"contact\":{\"waId\":\"1\"},\"media\":{\"id\":\"a b\"}}` | media.id",
            "`{\"type\":\"mo\",\"id\":\"wamid.R\",\"at\":\"2026-11-20T14:03:00Z\",\"subaccount\":\"acme-sales\",\"contentType\":\"TEXT\",\"contact\":{\"waId\":\"1\",\"name\":7}}` | contact.name"})
    void badValuesAreBlamedOnTheirField(String line, String field) {
        assertThatThrownBy(() -> parse(line)).isInstanceOfSatisfying(LineRejectedException.class,
                e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void theExamplesInTheDocumentationAreValidEvents() throws Exception {
        var doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/events.md"));
        var docParser = new EventParser("acme", Set.of("acme-marketing"), NOW);
        var events = 0;
        var blocks = java.util.regex.Pattern.compile("```json\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(doc);
        while (blocks.find()) {
            for (var line : blocks.group(1).strip().split("\\n")) {
                var node = tools.jackson.databind.json.JsonMapper.shared().readTree(line);
                if (node.has("type")) {
                    var bytes = line.getBytes(StandardCharsets.UTF_8);
                    assertThat(docParser.parse(bytes, 0, bytes.length)).isNotNull();
                    events++;
                }
            }
        }
        assertThat(events).as("mt, two statuses, mo").isEqualTo(4);
    }

    /** shorten's fast path (no regular expression) gives what the regular expression gives, for every kind of space. */
    @Test
    void shortenKeepsOneLineTextAsIsAndFoldsEveryOtherSpace() {
        for (var text : new String[] {"", "a", "Black Friday 2026", " lead", "trail ", "two  spaces", "tab\there",
                "line\nbreak", "cr\r\nlf", "nbsp\u00a0kept", "em\u2003space", "\u2003edge", "form\ffeed", "x".repeat(61)}) {
            assertThat(EventParser.shorten(text, 60)).as(text).isEqualTo(regexShorten(text, 60));
        }
        assertThat(EventParser.shorten(null, 60)).isEmpty();
    }

    private static String regexShorten(String s, int max) {
        var oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }
}
