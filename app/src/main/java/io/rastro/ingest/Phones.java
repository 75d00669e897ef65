package io.rastro.ingest;

/** Phone numbers as stored: E.164 digits without the {@code +}. */
public final class Phones {

    private Phones() {
    }

    /**
     * The E.164 digits of a number in any usual notation (+55 (11) 91234-5678), or null when it is not one: 8 to
     * 15 digits, the first not 0, once spaces, brackets, dots and dashes are dropped. Runs on every ingested line,
     * hence a loop rather than regexes.
     */
    public static String normalise(String raw) {
        var value = raw.strip();
        var from = value.startsWith("+") ? 1 : 0;
        var digits = new StringBuilder(16);
        for (int i = from; i < value.length(); i++) {
            var c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits.length() == 15 || (digits.isEmpty() && c == '0')) {
                    return null;
                }
                digits.append(c);
            } else if (!isNoise(c)) {
                return null;
            }
        }
        return digits.length() >= 8 ? digits.toString() : null;
    }

    /** What notations put between digits: ASCII whitespace (as {@code \s}), brackets, dots and dashes. */
    private static boolean isNoise(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r'
                || c == '(' || c == ')' || c == '.' || c == '-';
    }
}
