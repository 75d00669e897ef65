package io.rastro.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Formats Java values as ClickHouse query-parameter text, the form both engines parse for {@code {name:Type}}
 * (the same as the HTTP interface's {@code param_name}): scalars in TSV escaping, arrays as quoted literals.
 */
public final class SqlValues {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    /**
     * The most one array parameter may take in a request's URL, percent-encoded. A ClickHouse server parses the
     * parameters of a request as an HTML form whose fields are capped, as sent, by {@code http_max_field_value_size}
     * (128 KiB by default, read from the server's own config, not from the request), and refuses a longer one with
     * "Field value too long"; the embedded engine has no such cap, so the same chunks serve both.
     */
    public static final int MAX_ARRAY_PARAMETER_BYTES = 120_000;

    private SqlValues() {
    }

    /**
     * Splits values bound as one {@code Array(String)} parameter into runs of at most {@code maxCount} values whose
     * array text, percent-encoded, stays within {@link #MAX_ARRAY_PARAMETER_BYTES}, in order.
     */
    public static <T> List<List<T>> chunks(List<T> values, int maxCount, Function<T, String> text) {
        var out = new ArrayList<List<T>>();
        int start = 0;
        long bytes = 6; // the brackets, encoded
        for (int i = 0; i < values.size(); i++) {
            var size = encodedLength(quote(text.apply(values.get(i)))) + 3; // and its comma
            if (i > start && (i - start >= maxCount || bytes + size > MAX_ARRAY_PARAMETER_BYTES)) {
                out.add(values.subList(start, i));
                start = i;
                bytes = 6;
            }
            bytes += size;
        }
        if (start < values.size()) {
            out.add(values.subList(start, values.size()));
        }
        return out;
    }

    /** Bytes of {@code s} percent-encoded as in a URL: unreserved characters as they are, others as %XX per byte. */
    static long encodedLength(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                n++;
            } else if (c < 0x80) {
                n += 3;
            } else if (c < 0x800) {
                n += 6;
            } else if (Character.isHighSurrogate(c)) {
                n += 12;
                i++;
            } else {
                n += 9;
            }
        }
        return n;
    }

    public static String format(Object value) {
        return switch (value) {
            case null -> "\\N";
            case String s -> escape(s);
            case Instant i -> INSTANT.format(i);
            case LocalDate d -> d.toString();
            case Boolean b -> b ? "true" : "false";
            case Enum<?> e -> escape(e.name());
            case Collection<?> c -> array(c);
            default -> escape(value.toString());
        };
    }

    private static String array(Collection<?> values) {
        var joiner = new StringJoiner(",", "[", "]");
        for (var v : values) {
            joiner.add(switch (v) {
                case String s -> quote(s);
                case Enum<?> e -> quote(e.name());
                case Instant i -> quote(INSTANT.format(i));
                case Collection<?> nested -> array(nested);
                case null -> "NULL";
                default -> v.toString();
            });
        }
        return joiner.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** TSV escaping: the engine reads the parameter as an escaped text field. */
    static String escape(String s) {
        var sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\0' -> sb.append("\\0");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
