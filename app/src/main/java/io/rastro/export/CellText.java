package io.rastro.export;

/** Text cell rules shared by every format a spreadsheet may open. */
public final class CellText {

    /** Excel's limit for one cell. */
    public static final int XLSX_MAX_CHARS = 32_767;
    public static final String TRUNCATED = "…[truncated]";

    private CellText() {
    }

    /**
     * Neutralises formula injection (OWASP "CSV injection"): a cell a spreadsheet would read as a formula or a
     * DDE call (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe, which spreadsheets
     * show as text. Message texts and names are written by third parties, so any of them may be hostile.
     */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }

    /** At most {@code max} characters; a longer value is cut and marked so nobody takes it for the whole text. */
    public static String capped(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        var keep = max - TRUNCATED.length();
        // never split a surrogate pair: half an emoji is not valid text
        if (Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        return value.substring(0, keep) + TRUNCATED;
    }
}
