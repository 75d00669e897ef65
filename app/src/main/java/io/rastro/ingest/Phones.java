package io.rastro.ingest;

import java.util.regex.Pattern;

/** Phone numbers as stored: E.164 digits without the {@code +}. */
final class Phones {

    private static final Pattern NOISE = Pattern.compile("[\\s().\\-]");
    private static final Pattern E164_DIGITS = Pattern.compile("[1-9][0-9]{7,14}");

    private Phones() {
    }

    /** The E.164 digits of a number in any usual notation (+55 (11) 91234-5678), or null when it is not one. */
    static String normalise(String raw) {
        var value = raw.strip();
        if (value.startsWith("+")) {
            value = value.substring(1);
        }
        var digits = NOISE.matcher(value).replaceAll("");
        return E164_DIGITS.matcher(digits).matches() ? digits : null;
    }
}
