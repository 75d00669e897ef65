package io.rastro.report;

import io.rastro.domain.StoredTimes;
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
            var time = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            // a forged cursor: a time the engine cannot hold, or an id no message has
            if (!StoredTimes.accepted(time) || parts[2].chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException();
            }
            return new Cursor(time, parts[2]);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new BadRequestException(field, "The cursor is not one this API produced. Pass pageInfo.endCursor "
                    + "from the previous page unchanged, or leave 'after' out to start from the first page.");
        }
    }
}
