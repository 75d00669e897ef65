package io.rastro.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one workload measured. {@code rastro} is the end-to-end time a client sees over HTTP; {@code raw} is the
 * same statement(s) run directly on the engine in the same JVM (null where there is no raw counterpart).
 *
 * @param skipped a reason when the workload could not run (e.g. the endpoint is not in this build), else null
 * @param extra   workload-specific figures: rows/s, peak heap, walk times, throughput...
 * @param notes   anything a reader must know to trust the row (a result mismatch, a cap)
 */
public record WorkloadResult(String id, String title, Stats rastro, Stats raw, Map<String, Object> extra,
                             String notes, String skipped) {

    public static WorkloadResult skipped(Workload w, String reason) {
        return new WorkloadResult(w.id(), w.title(), null, null, Map.of(), null, reason);
    }

    /** A workload that threw: the run goes on, and the table says so. */
    public static WorkloadResult failed(Workload w, Exception e) {
        return new WorkloadResult(w.id(), w.title(), null, null, Map.of(), null, "failed: " + e);
    }

    public boolean hasFailed() {
        return skipped != null && skipped.startsWith("failed");
    }

    /** A copy with more figures (those the harness adds to every workload, such as the heap peak). */
    public WorkloadResult with(Map<String, Object> more) {
        var all = new LinkedHashMap<>(extra);
        all.putAll(more);
        return new WorkloadResult(id, title, rastro, raw, all, notes, skipped);
    }

    public Double medianRatio() {
        return rastro == null || raw == null || raw.median() <= 0 ? null : rastro.median() / raw.median();
    }

    public Double p95Ratio() {
        return rastro == null || raw == null || raw.p95() <= 0 ? null : rastro.p95() / raw.p95();
    }

    public Map<String, Object> toMap() {
        var out = new LinkedHashMap<String, Object>();
        out.put("id", id);
        out.put("title", title);
        if (skipped != null) {
            out.put("skipped", skipped);
            return out;
        }
        if (rastro != null) {
            out.put("rastro", rastro.toMap());
        }
        if (raw != null) {
            out.put("raw", raw.toMap());
        }
        if (medianRatio() != null) {
            out.put("ratioMedian", Stats.round(medianRatio()));
            out.put("ratioP95", Stats.round(p95Ratio()));
        }
        out.putAll(extra);
        if (notes != null) {
            out.put("notes", notes);
        }
        return out;
    }
}
