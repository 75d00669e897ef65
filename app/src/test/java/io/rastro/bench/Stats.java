package io.rastro.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency figures of one series, in milliseconds. Percentiles are nearest-rank on the sorted samples: with 30
 * samples p95 is the 29th, so one outlier moves it and the median does not (the median is what ratios lean on).
 */
public record Stats(int n, double median, double p95, double p99, double min, double max, double mean) {

    public static Stats ofNanos(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        var ms = nanos.stream().mapToDouble(n -> n / 1_000_000.0).toArray();
        Arrays.sort(ms);
        return new Stats(ms.length, percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), ms[0],
                ms[ms.length - 1], Arrays.stream(ms).average().orElse(Double.NaN));
    }

    /** Nearest rank: the smallest sample with at least p% of the samples at or below it. */
    static double percentile(double[] sorted, double p) {
        var rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public Map<String, Object> toMap() {
        var out = new LinkedHashMap<String, Object>();
        out.put("n", n);
        out.put("medianMs", round(median));
        out.put("p95Ms", round(p95));
        out.put("p99Ms", round(p99));
        out.put("minMs", round(min));
        out.put("maxMs", round(max));
        out.put("meanMs", round(mean));
        return out;
    }

    static Object round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 1000) / 1000.0;
    }
}
