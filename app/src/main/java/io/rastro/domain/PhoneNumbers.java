package io.rastro.domain;

/**
 * Phone numbers as Rastro stores and matches them: E.164 digits without the {@code +}. The one parser for every
 * way a number arrives, so that ingestion and the report filter accept and refuse the same numbers.
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /** Why a text is not a phone number. */
    public enum Problem {
        /** Characters other than digits and notation, or fewer than 8 or more than 15 digits. */
        NOT_A_NUMBER,
        /** A national number: it starts with 0 (a trunk prefix), where E.164 starts with the country code. */
        NO_COUNTRY_CODE
    }

    /** The digits of a number ({@code problem} null), or why there are none ({@code digits} null). */
    public record Parsed(String digits, Problem problem) {

        public boolean valid() {
            return digits != null;
        }
    }

    /**
     * Parses a number in any usual notation: {@code +55 (11) 91234-5678}, {@code 0055 11 91234-5678} (the
     * international call prefix 00 stands for +), or the stored digits {@code 5511912345678}. Spaces, brackets,
     * dots and dashes are dropped; what remains must be 8 to 15 digits whose first is a country code's, never 0.
     * Runs on every ingested line, hence a loop rather than regexes.
     */
    public static Parsed parse(String raw) {
        var value = raw.strip();
        var from = value.startsWith("+") ? 1 : value.startsWith("00") ? 2 : 0;
        var digits = new StringBuilder(16);
        var tooLong = false;
        for (int i = from; i < value.length(); i++) {
            var c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits.length() == 15) {
                    tooLong = true;
                } else {
                    digits.append(c);
                }
            } else if (!isNoise(c)) {
                return new Parsed(null, Problem.NOT_A_NUMBER);
            }
        }
        if (tooLong || digits.length() < 8) {
            return new Parsed(null, Problem.NOT_A_NUMBER);
        }
        if (digits.charAt(0) == '0') {
            return new Parsed(null, Problem.NO_COUNTRY_CODE);
        }
        return new Parsed(digits.toString(), null);
    }

    /** The stored digits of a number, or null when it is not one ({@link #parse} says why). */
    public static String normalise(String raw) {
        return parse(raw).digits();
    }

    /** A sentence saying why {@code shown} (the value as the caller gave it, shortened) is not a number. */
    public static String explain(Problem problem, String shown) {
        return switch (problem) {
            case NO_COUNTRY_CODE -> "'" + shown + "' has no country code: it starts with 0, a national prefix. Give "
                    + "it in international form, with + or 00 and the country code, e.g. +55 11 91234-5678.";
            case NOT_A_NUMBER -> "'" + shown + "' is not a phone number: E.164 has 8 to 15 digits and a country "
                    + "code, e.g. +55 11 91234-5678";
        };
    }

    /** What notations put between digits: ASCII whitespace (as {@code \s}), brackets, dots and dashes. */
    private static boolean isNoise(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r'
                || c == '(' || c == ')' || c == '.' || c == '-';
    }
}
