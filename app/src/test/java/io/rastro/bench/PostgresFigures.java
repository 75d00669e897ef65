package io.rastro.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a workload's PostgreSQL side is recorded in its {@link WorkloadResult#extra()}: the latencies under
 * {@code postgres} and Rastro / PostgreSQL at the median and p95 (below 1: Rastro is faster). One home for the
 * key names, which {@link BenchReport} reads back for its side-by-side table.
 */
final class PostgresFigures {

    static final String STATS = "postgres";
    static final String RATIO_MEDIAN = "rastroOverPostgresMedian";
    static final String RATIO_P95 = "rastroOverPostgresP95";
    /** The engine alone (the raw side) against PostgreSQL: the two stores compared without HTTP and GraphQL. */
    static final String RAW_RATIO_MEDIAN = "rawOverPostgresMedian";

    private PostgresFigures() {
    }

    /** @param raw the engine alone on the same question, or null where there is no raw side */
    static Map<String, Object> of(Stats rastro, Stats raw, Stats postgres) {
        var out = new LinkedHashMap<String, Object>();
        out.put(STATS, postgres.toMap());
        out.put(RATIO_MEDIAN, Stats.round(rastro.median() / postgres.median()));
        out.put(RATIO_P95, Stats.round(rastro.p95() / postgres.p95()));
        if (raw != null) {
            out.put(RAW_RATIO_MEDIAN, Stats.round(raw.median() / postgres.median()));
        }
        return out;
    }

    /** A figure of the PostgreSQL stats ("medianMs", "p95Ms", ...), or null when the workload has none. */
    @SuppressWarnings("unchecked")
    static Double stat(WorkloadResult r, String name) {
        return r.extra().get(STATS) instanceof Map<?, ?> m && ((Map<String, Object>) m).get(name) instanceof Number n
                ? n.doubleValue() : null;
    }

    static Double number(WorkloadResult r, String key) {
        return r.extra().get(key) instanceof Number n ? n.doubleValue() : null;
    }
}
