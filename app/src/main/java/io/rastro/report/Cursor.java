package io.rastro.report;

import io.rastro.web.BadRequestException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * An opaque keyset cursor: the row's time and id, base64url-encoded. Opaque so clients do not build them; checked
 * on the way in so a tampered cursor is a clear error rather than a strange page.
 */
public record Cursor(Instant time, String id) {

    private static final String VERSION = "c1";

    public String encode() {
        var raw = VERSION + ":" + time.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String value, String field) {
        try {
            var raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            var parts = raw.split(":", 3);
            if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty()) {
                throw new IllegalArgumentException();
            }
            return new Cursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field, "The cursor is not one this API produced. Pass pageInfo.endCursor "
                    + "from the previous page unchanged, or leave 'after' out to start from the first page.");
        }
    }
}
