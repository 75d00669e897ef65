package io.rastro.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.StringJoiner;

/**
 * Formats Java values as ClickHouse query-parameter text, the form both engines parse for {@code {name:Type}}
 * (the same as the HTTP interface's {@code param_name}): scalars in TSV escaping, arrays as quoted literals.
 */
public final class SqlValues {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private SqlValues() {
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
