package io.rastro.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The signature check, against known HMAC-SHA256 vectors rather than values the code computes itself. */
class WebhookSignatureTest {

    /** RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?". */
    static final String RFC4231_DATA = "what do ya want for nothing?";
    static final String RFC4231_MAC = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    /**
     * A Cloud API body as Meta sends it: non-ASCII escaped as lowercase \\uXXXX ("Olá" is "Ol\\u00e1"), signed over
     * those very bytes with secret "test-app-secret-new". The value was computed once with
     * {@code printf '%s' "$BODY" | openssl dgst -sha256 -hmac test-app-secret-new}.
     */
    static final String ESCAPED_BODY = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
            + "\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
            + "\"15550783881\",\"phone_number_id\":\"106540352242922\"},\"contacts\":[{\"profile\":{\"name\":"
            + "\"Jos\\u00e9\"},\"wa_id\":\"5511912345678\"}],\"messages\":[{\"from\":\"5511912345678\",\"id\":"
            + "\"wamid.SIG1\",\"timestamp\":\"1795615380\",\"text\":{\"body\":\"Ol\\u00e1! \\ud83d\\ude00\"},"
            + "\"type\":\"text\"}]},\"field\":\"messages\"}]}]}";
    static final String ESCAPED_BODY_SIGNATURE = "sha256=1bc1a8b64b911f8691131919e3a2f7afdfc13f9a7e65d2aadd326073146146ec";

    @Test
    void knownVectorOfRfc4231() {
        var signature = new WebhookSignature(List.of("Jefe"));
        assertThat(signature.verify(RFC4231_DATA.getBytes(StandardCharsets.US_ASCII), "sha256=" + RFC4231_MAC)).isTrue();
        assertThat(WebhookSignature.sign("Jefe", RFC4231_DATA.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sha256=" + RFC4231_MAC);
        // upper-case hex is the same signature
        assertThat(signature.verify(RFC4231_DATA.getBytes(StandardCharsets.US_ASCII), "sha256=" + RFC4231_MAC.toUpperCase()))
                .isTrue();
    }

    @Test
    void theEscapedBodyVerifiesAsReceivedAndNotReencoded() {
        var signature = new WebhookSignature(List.of("test-app-secret-old", "test-app-secret-new"));
        var bytes = ESCAPED_BODY.getBytes(StandardCharsets.US_ASCII);
        assertThat(signature.verify(bytes, ESCAPED_BODY_SIGNATURE)).isTrue();
        // the same body decoded and re-encoded as UTF-8 is other bytes: not what Meta signed
        var reencoded = ESCAPED_BODY.replace("\\u00e9", "é").replace("\\u00e1", "á").replace("\\ud83d\\ude00", "😀")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(signature.verify(reencoded, ESCAPED_BODY_SIGNATURE)).isFalse();
    }

    @Test
    void anyConfiguredSecretVerifiesAndNothingElseDoes() {
        var body = "{}".getBytes(StandardCharsets.US_ASCII);
        var both = new WebhookSignature(List.of("old", "new"));
        assertThat(both.verify(body, WebhookSignature.sign("old", body))).isTrue();
        assertThat(both.verify(body, WebhookSignature.sign("new", body))).isTrue();
        assertThat(both.verify(body, WebhookSignature.sign("other", body))).isFalse();
        assertThat(both.verify(body, null)).isFalse();
        assertThat(both.verify(body, "")).isFalse();
        assertThat(both.verify(body, "sha1=" + WebhookSignature.sign("old", body).substring(7))).isFalse();
        assertThat(both.verify(body, "sha256=zz" + WebhookSignature.sign("old", body).substring(9))).isFalse();
        assertThat(both.verify(body, WebhookSignature.sign("old", body).substring(0, 70))).isFalse();
        assertThat(new WebhookSignature(List.of()).verify(body, WebhookSignature.sign("old", body))).isFalse();
    }
}
