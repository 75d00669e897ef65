package io.rastro.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ClickHouse statement with its server-side parameters. Values never enter the text: they are bound by the
 * engine from {@code {name:Type}} placeholders. The text itself is assembled only from code (constants and
 * enum-derived identifiers), never from input.
 *
 * @param text     the statement, with {@code {name:Type}} placeholders
 * @param params   placeholder name to value, already in ClickHouse's parameter text form (see {@link SqlValues})
 * @param settings engine settings for this statement only, names from code
 */
public record Sql(String text, Map<String, String> params, Map<String, String> settings) {

    public Sql {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public static Sql of(String text) {
        return new Sql(text, Map.of(), Map.of());
    }

    /** Returns a copy with one more bound value. */
    public Sql bind(String name, Object value) {
        var copy = new LinkedHashMap<>(params);
        copy.put(name, SqlValues.format(value));
        return new Sql(text, copy, settings);
    }

    /** Returns a copy with one more engine setting (a name from code, never from input). */
    public Sql setting(String name, Object value) {
        var copy = new LinkedHashMap<>(settings);
        copy.put(name, String.valueOf(value));
        return new Sql(text, params, copy);
    }

    /** The text the engine runs: the statement plus its SETTINGS clause, if any. */
    public String renderedText() {
        if (settings.isEmpty()) {
            return text;
        }
        var sb = new StringBuilder(text.stripTrailing()).append("\nSETTINGS ");
        var first = true;
        for (var e : settings.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(" = ").append(e.getValue());
            first = false;
        }
        return sb.toString();
    }
}
