package io.rastro.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex>}: an HMAC-SHA256 of the raw request bytes with a Meta app secret.
 * The bytes are those received, never a re-encoded body: Meta signs its body with non-ASCII characters escaped as
 * {@code \\uXXXX}, so any decoding and re-encoding would change what was signed. Every configured secret is tried
 * (one is being rotated out), each compared in constant time, and all of them always, so the time taken does not
 * say which one matched or how much of a guess was right.
 */
final class WebhookSignature {

    static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    private final List<SecretKeySpec> keys;

    WebhookSignature(List<String> secrets) {
        this.keys = secrets.stream().map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .toList();
    }

    boolean configured() {
        return !keys.isEmpty();
    }

    /** True when the header is a well-formed signature of these bytes by one of the secrets. */
    boolean verify(byte[] body, String header) {
        if (header == null || keys.isEmpty()) {
            return false;
        }
        var value = header.strip();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || value.length() != PREFIX.length() + 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value, PREFIX.length(), value.length());
        } catch (IllegalArgumentException e) {
            return false;
        }
        var matched = false;
        for (var key : keys) {
            matched |= MessageDigest.isEqual(hmac(key, body), given);
        }
        return matched;
    }

    /** The header value a body signed with this secret carries (for tests, the bench and docs examples). */
    static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"), body));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
