package io.rastro.ingest;

import io.rastro.domain.PhoneNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written parsers on the ingest path (times, phones, ids) against the library definitions they replaced:
 * {@link OffsetDateTime#parse} and the regexes. Random inputs near the valid shapes,
 * plus the edge cases by name; any disagreement is a failure.
 */
class IngestHandParsersTest {

    static final Pattern NOISE = Pattern.compile("[\\s().\\-]");
    static final Pattern E164_DIGITS = Pattern.compile("[1-9][0-9]{7,14}");
    static final Pattern ID = Pattern.compile("[^\\s\\p{Cntrl}]{1,200}");

    /** The definition: what java.time accepts, truncated to milliseconds; null when it refuses. */
    static Instant reference(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Instant parsed(String text) {
        try {
            return Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-11-20T14:03:00Z", "2026-11-20T11:03:00-03:00", "2026-11-20T14:03:00.5Z",
            "2026-11-20T14:03:00.123456789+05:30", "2026-11-20T14:03:00.1234567891Z", "2026-11-20T14:03:00.Z",
            "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-20T24:00:00Z",
            "2026-11-20T23:60:00Z", "2026-11-20T23:59:60Z", "2026-11-20T14:03:00+18:00", "2026-11-20T14:03:00+19:00",
            "2026-11-20T14:03:00-18:01", "2026-11-20T14:03:00+05:60", "2026-11-20T14:03Z", "2026-11-20t14:03:00z",
            "2026-11-20T14:03:00+0530", "2026-11-20T14:03:00+05", "2026-11-20T14:03:00+05:30:15",
            "2026-11-20T14:03:00", "2026-11-20 14:03:00Z", "2026-13-20T14:03:00Z", "2026-00-20T14:03:00Z",
            "2026-11-00T14:03:00Z", "+2026-11-20T14:03:00Z", "2026-11-20T14:03:00-00:00", "2026-1120T14:03:00Z",
            "2026-11-20T14:03:0aZ", "2026-11-20T14:03:00ZZ", "2026-11-20T14:03:00 Z", "٢٠٢٦-11-20T14:03:00Z"})
    void edgeCasesAgreeWithJavaTime(String text) {
        assertThat(parsed(text)).isEqualTo(reference(text));
    }

    @Test
    void commonShapesTakeTheFastPath() {
        assertThat(Timestamps.parseCommon("2026-11-20T11:03:00.250-03:00"))
                .isEqualTo(Instant.parse("2026-11-20T14:03:00.250Z"));
        assertThat(Timestamps.parseCommon("2026-11-20T14:03:00.123999Z")).isEqualTo(Instant.parse("2026-11-20T14:03:00.123Z"));
        assertThat(Timestamps.parseCommon("2026-11-20T14:03Z")).isNull(); // valid, but left to java.time
    }

    @Test
    void randomTimesAgreeWithJavaTime() {
        var random = new SplittableRandom(7);
        var agreedValid = 0;
        for (int i = 0; i < 50_000; i++) {
            var text = mutate(random, randomTime(random));
            var expected = reference(text);
            assertThat(parsed(text)).as(text).isEqualTo(expected);
            if (expected != null) {
                agreedValid++;
            }
        }
        assertThat(agreedValid).as("the random inputs must exercise valid times too").isGreaterThan(10_000);
    }

    static String randomTime(SplittableRandom random) {
        var at = Instant.ofEpochSecond(random.nextLong(946_684_800L, 4_102_444_800L), random.nextInt(1_000_000_000));
        var offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
        var digits = random.nextInt(10);
        var pattern = "yyyy-MM-dd'T'HH:mm:ss" + (digits == 0 ? "" : "." + "S".repeat(digits))
                + (random.nextBoolean() ? "XXX" : "xxx");
        return DateTimeFormatter.ofPattern(pattern).format(at.atOffset(offset));
    }

    /** Half unchanged; the rest with one character replaced, removed or inserted. */
    static String mutate(SplittableRandom random, String text) {
        if (random.nextBoolean()) {
            return text;
        }
        var alphabet = "0123456789-+:.TZtz 9";
        var at = random.nextInt(text.length());
        var c = alphabet.charAt(random.nextInt(alphabet.length()));
        return switch (random.nextInt(3)) {
            case 0 -> text.substring(0, at) + c + text.substring(at + 1);
            case 1 -> text.substring(0, at) + text.substring(at + 1);
            default -> text.substring(0, at) + c + text.substring(at);
        };
    }

    @Test
    void phonesAgreeWithTheRegexDefinition() {
        var random = new SplittableRandom(13);
        var alphabet = "0123456789012345678901234567890123456789 ()-.+\t\u00A0a";
        var valid = 0;
        for (int i = 0; i < 50_000; i++) {
            var raw = new StringBuilder();
            var length = random.nextInt(1, 24);
            for (int k = 0; k < length; k++) {
                raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            var expected = referencePhone(raw.toString());
            assertThat(PhoneNumbers.normalise(raw.toString())).as("'%s'", raw).isEqualTo(expected);
            if (expected != null) {
                valid++;
            }
        }
        assertThat(valid).isGreaterThan(1_000);
    }

    static String referencePhone(String raw) {
        var value = raw.strip();
        if (value.startsWith("+")) {
            value = value.substring(1);
        } else if (value.startsWith("00")) {
            value = value.substring(2);
        }
        var digits = NOISE.matcher(value).replaceAll("");
        return E164_DIGITS.matcher(digits).matches() ? digits : null;
    }

    @Test
    void idsAgreeWithTheRegexDefinition() {
        var parser = new EventParser("acme", Set.of("acme-sales"), Instant.parse("2026-11-25T12:00:00Z"));
        for (int c = 0; c < 0x3000; c++) {
            if (c == '"' || c == '\\' || Character.isSurrogate((char) c)) {
                continue; // would change the JSON line, not the id
            }
            var id = "wamid." + (char) c + "X";
            var json = "{\"type\":\"status\",\"id\":\"" + jsonEscaped(id)
                    + "\",\"status\":\"READ\",\"at\":\"2026-11-20T14:03:00Z\"}";
            var bytes = json.getBytes(StandardCharsets.UTF_8);
            boolean accepted;
            try {
                parser.parse(bytes, 0, bytes.length);
                accepted = true;
            } catch (LineRejectedException e) {
                assertThat(e.field()).isEqualTo("id");
                accepted = false;
            }
            assertThat(accepted).as("U+%04X", c).isEqualTo(ID.matcher(id).matches());
        }
    }

    static String jsonEscaped(String s) {
        var out = new StringBuilder();
        for (var c : s.toCharArray()) {
            out.append(c < 0x20 || c == 0x7F ? "\\u%04x".formatted((int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
