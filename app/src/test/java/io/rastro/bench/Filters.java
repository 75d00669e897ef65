package io.rastro.bench;

import io.rastro.report.FilterField;
import io.rastro.report.MessageFilterInput;
import io.rastro.report.MessageFilterInput.PeriodInput;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One filter, two forms: the typed {@link MessageFilterInput} the raw side validates with the app's own
 * {@code FilterValidator}, and the GraphQL variables the client sends. Deriving the second from the first is what
 * keeps the two sides asking the same question.
 */
final class Filters {

    private Filters() {
    }

    static PeriodInput period(Instant from, Instant to) {
        return new PeriodInput(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
    }

    static Map<String, Object> period(PeriodInput p) {
        var out = new LinkedHashMap<String, Object>();
        out.put("from", p.from().toInstant().toString());
        out.put("to", p.to().toInstant().toString());
        return out;
    }

    /** The GraphQL {@code MessageFilter} for this input: only the fields that are set. */
    static Map<String, Object> graphQl(MessageFilterInput f) {
        var out = new LinkedHashMap<String, Object>();
        if (f.period() != null) {
            out.put("period", period(f.period()));
        }
        for (var field : FilterField.values()) {
            put(out, field.inputName(), field.of(f));
        }
        return out;
    }

    private static void put(Map<String, Object> out, String name, Object value) {
        switch (value) {
            case null -> {
            }
            case Enum<?> e -> out.put(name, e.name());
            case Collection<?> c -> out.put(name, c.stream().map(v -> v instanceof Enum<?> e ? e.name() : v).toList());
            default -> out.put(name, value);
        }
    }

    /** A builder-style copy helper: records have no withers. */
    static MessageFilterInput of(PeriodInput period) {
        return MessageFilterInput.builder().period(period).build();
    }
}
