package io.rastro.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run's results, written as {@code <date>-<size>.md} (for people) and {@code .json} (for tools), with the
 * issue's targets judged against the measured figures.
 */
public record BenchReport(Instant startedAt, BenchConfig config, Map<String, Object> machine, Dataset dataset,
                          Map<String, Object> generation, List<WorkloadResult> results) {

    /** Report queries, whose Rastro/raw ratio is judged. */
    static final List<String> REPORT_QUERIES = List.of("1", "2", "3", "4", "5", "6", "7", "8");
    static final List<String> POINT_LOOKUPS = List.of("3", "3-paint", "4", "5", "id");

    public WorkloadResult result(String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    /** One target: what was asked, what was measured, whether it is met (null: could not be judged). */
    public record Target(String target, String measured, Boolean met) {
    }

    public List<Target> targets() {
        var out = new ArrayList<Target>();
        for (var id : REPORT_QUERIES) {
            var r = result(id);
            var limit = id.equals("6") ? 1.2 : 1.3;
            out.add(r == null || r.medianRatio() == null
                    ? new Target(id + ": Rastro <= " + limit + "x raw (median)", "not measured", null)
                    : new Target(id + ": Rastro <= " + limit + "x raw (median)", fmt(r.medianRatio()) + "x ("
                    + fmt(r.rastro().median()) + " vs " + fmt(r.raw().median()) + " ms)", r.medianRatio() <= limit));
        }
        var first = result("1");
        out.add(first == null || first.rastro() == null ? new Target("1: first page + total <= 100 ms median", "not measured", null)
                : new Target("1: first page + total <= 100 ms median", fmt(first.rastro().median()) + " ms",
                first.rastro().median() <= 100));
        for (var id : POINT_LOOKUPS) {
            var r = result(id);
            out.add(r == null || r.rastro() == null ? new Target(id + ": point lookup <= 15 ms median", "not measured", null)
                    : new Target(id + ": point lookup <= 15 ms median", fmt(r.rastro().median()) + " ms",
                    r.rastro().median() <= 15));
        }
        var c = result("11");
        if (c == null || c.rastro() == null) {
            out.add(new Target("11: 0 errors", "not measured", null));
            out.add(new Target("11: p99 <= 10x single-client median", "not measured", null));
        } else {
            var errors = ((Number) c.extra().get("errors")).longValue();
            out.add(new Target("11: 0 errors", errors + " errors in " + c.extra().get("requests") + " requests",
                    errors == 0));
            var single = ((Number) c.extra().get("singleClientMedianMs")).doubleValue();
            out.add(new Target("11: p99 <= 10x single-client median", fmt(c.rastro().p99()) + " ms = "
                    + fmt(c.rastro().p99() / single) + "x " + fmt(single) + " ms", c.rastro().p99() <= 10 * single));
        }
        exportTargets(out);
        var http = result("10-http");
        out.add(http == null || !http.extra().containsKey("eventsPerSecond")
                ? new Target("10: >= 50k events/s over HTTP NDJSON", "not measured", null)
                : new Target("10: >= 50k events/s over HTTP NDJSON", "%,d events/s".formatted(
                ((Number) http.extra().get("eventsPerSecond")).longValue()),
                ((Number) http.extra().get("eventsPerSecond")).longValue() >= 50_000));
        var webhook = result("12-webhook");
        if (webhook == null || !webhook.extra().containsKey("requestsPerSecond")) {
            out.add(new Target("12: >= 5,000 webhook POSTs/s, 64 clients", "not measured", null));
            out.add(new Target("12: webhook p99 <= 100 ms", "not measured", null));
        } else {
            var perSecond = ((Number) webhook.extra().get("requestsPerSecond")).longValue();
            out.add(new Target("12: >= 5,000 webhook POSTs/s, 64 clients", "%,d POSTs/s, %s errors".formatted(perSecond,
                    webhook.extra().get("errors")), perSecond >= 5_000));
            out.add(new Target("12: webhook p99 <= 100 ms", fmt(webhook.rastro().p99()) + " ms",
                    webhook.rastro().p99() <= 100));
        }
        var fast = result("10-fast");
        out.add(fast == null || !fast.extra().containsKey("rowsPerSecond")
                ? new Target("10: >= 300k events/s on the fast path", "not measured", null)
                : new Target("10: >= 300k events/s on the fast path", "%,d rows/s (messages and status events)"
                .formatted(((Number) fast.extra().get("rowsPerSecond")).longValue()),
                ((Number) fast.extra().get("rowsPerSecond")).longValue() >= 300_000));
        return out;
    }

    /** Rows/s per format, Parquet against the engine alone, and the heap (judged at 10M rows, as issue #7 asks). */
    @SuppressWarnings("unchecked")
    private void exportTargets(List<Target> out) {
        var r = result("9");
        var formats = r == null ? null : (Map<String, Map<String, Object>>) r.extra().get("formats");
        for (var f : List.of(new String[] {"CSV", "1000000"}, new String[] {"XLSX", "150000"},
                new String[] {"PDF", "20000"})) {
            var name = "9: " + f[0] + " >= " + "%,d".formatted(Long.parseLong(f[1])) + " rows/s end to end";
            var figures = formats == null ? null : formats.get(f[0]);
            out.add(figures == null ? new Target(name, "not measured", null)
                    : new Target(name, "%,d rows/s (%,d rows)".formatted(((Number) figures.get("rowsPerSecond")).longValue(),
                    ((Number) figures.get("rows")).longValue()),
                    ((Number) figures.get("rowsPerSecond")).longValue() >= Long.parseLong(f[1])));
        }
        var parquet = formats == null ? null : formats.get("PARQUET");
        out.add(parquet == null ? new Target("9: Parquet <= 1.5x the engine writing it alone", "not measured", null)
                : new Target("9: Parquet <= 1.5x the engine writing it alone", fmt(((Number) parquet.get("ratio"))
                .doubleValue()) + "x (" + parquet.get("seconds") + " vs " + parquet.get("rawSeconds") + " s)",
                ((Number) parquet.get("ratio")).doubleValue() <= 1.5));
        out.add(r == null || r.skipped() != null ? new Target("9: peak heap <= 256 MiB", "not measured", null)
                : new Target("9: peak heap <= 256 MiB", mib(r.extra().get("peakHeapBytes")) + " live, sampled by full collections every 0.2 s in an untimed run (JVM max heap "
                + mib(Runtime.getRuntime().maxMemory()) + ", service and client together; rows per format above)",
                ((Number) r.extra().get("peakHeapBytes")).longValue() <= 256L << 20));
    }

    public String baseName() {
        return startedAt.atZone(ZoneOffset.UTC).toLocalDate() + "-" + BenchConfig.label(config.size());
    }

    /** Writes both files into {@code dir}; returns the Markdown one. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        var json = new LinkedHashMap<String, Object>();
        json.put("startedAt", startedAt.toString());
        json.put("config", config.describe());
        json.put("machine", machine);
        json.put("dataset", dataset.toMap());
        json.put("generation", generation);
        json.put("workloads", results.stream().map(WorkloadResult::toMap).toList());
        json.put("targets", targets().stream().map(t -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("target", t.target());
            m.put("measured", t.measured());
            m.put("met", t.met());
            return m;
        }).toList());
        Files.writeString(dir.resolve(baseName() + ".json"), GraphQlHttp.pretty(json) + "\n");
        var md = dir.resolve(baseName() + ".md");
        Files.writeString(md, markdown());
        return md;
    }

    public String markdown() {
        var sb = new StringBuilder();
        sb.append("# Rastro benchmark: ").append(BenchConfig.label(config.size())).append(" MT messages, seed ")
                .append(config.seed()).append(" (").append(startedAt.atZone(ZoneOffset.UTC).toLocalDate()).append(")\n\n");
        sb.append("- Machine: ").append(machine.get("cores")).append(" cores (").append(machine.get("cpu")).append("), ")
                .append(gib(machine.get("memoryBytes"))).append(" memory, ").append(machine.get("os")).append("\n");
        sb.append("- Code: ").append(machine.get("revision")).append(" (commit ").append(machine.get("commit"))
                .append(", ").append(Boolean.TRUE.equals(machine.get("cleanTree")) ? "clean tree"
                        : "**uncommitted changes in the tree**").append(")\n");
        sb.append("- PostgreSQL: ").append(postgresLine()).append("\n");
        sb.append("- JVM: ").append(machine.get("jdk")).append(", max heap ").append(gib(machine.get("maxHeapBytes")))
                .append("; engine ").append(machine.get("engine")).append("\n");
        sb.append("- Load average (1 min) at start ").append(machine.get("loadAverageAtStart")).append(", at end ")
                .append(machine.get("loadAverageAtEnd")).append(" (other work on the machine shows here)\n");
        sb.append("- Data: ").append("%,d".formatted(dataset.messages())).append(" rows in rastro.messages (")
                .append("%,d".formatted(dataset.acmeMessages())).append(" Acme), ").append(dataset.parts())
                .append(" active parts; periods end ").append(dataset.end()).append("\n");
        if (generation != null && !generation.isEmpty()) {
            sb.append("- Data set: ").append(generation.get("summary")).append("\n");
        }
        sb.append("- Run: warm-up of at least ").append(config.warmup()).append(" requests and ")
                .append(config.warmupTime().toSeconds()).append(" s per workload, then ").append(config.reps())
                .append(" timed requests per side, Rastro and raw interleaved; deep page ").append(config.deepPages())
                .append("; concurrency ").append(config.clients()).append(" clients for ")
                .append(config.duration().toSeconds()).append(" s\n\n");
        sb.append("Rastro = a GraphQL request over HTTP as ana@acme.example (Basic), sent to last byte received. "
                + "Raw = the same SQL text and parameters, built by the app's ReportQueries, run on the same engine "
                + "(the Store bean) in the same JVM. Times in ms.\n\n");
        sb.append("| # | workload | Rastro median | Rastro p95 | raw median | raw p95 | ratio median | ratio p95 | notes |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (var r : results) {
            sb.append("| ").append(r.id()).append(" | ").append(r.title()).append(" | ");
            if (r.skipped() != null) {
                sb.append(" |  |  |  |  |  | ").append(r.skipped()).append(" |\n");
                continue;
            }
            sb.append(r.rastro() == null ? "" : fmt(r.rastro().median())).append(" | ")
                    .append(r.rastro() == null ? "" : fmt(r.rastro().p95())).append(" | ")
                    .append(r.raw() == null ? "" : fmt(r.raw().median())).append(" | ")
                    .append(r.raw() == null ? "" : fmt(r.raw().p95())).append(" | ")
                    .append(r.medianRatio() == null ? "" : fmt(r.medianRatio()) + "x").append(" | ")
                    .append(r.p95Ratio() == null ? "" : fmt(r.p95Ratio()) + "x").append(" | ")
                    .append(notes(r)).append(" |\n");
        }
        sideBySide(sb);
        sb.append("\n## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        for (var t : targets()) {
            sb.append("| ").append(t.target()).append(" | ").append(t.measured()).append(" | ")
                    .append(t.met() == null ? "n/a" : t.met() ? "yes" : "**no**").append(" |\n");
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private String postgresLine() {
        if (!(machine.get("postgres") instanceof Map<?, ?> pg)) {
            return String.valueOf(machine.get("postgres"));
        }
        var f = (Map<String, Object>) pg;
        return "%s beside Rastro in this run: %,d current message rows and %,d status events copied from the engine in %s s, %d btree indexes in %s s, VACUUM ANALYZE %s s, %.1f GB (settings and indexes in the JSON)"
                .formatted(f.get("version"), ((Number) f.get("messages")).longValue(), ((Number) f.get("statusEvents")).longValue(),
                        f.get("copySeconds"), ((List<?>) f.get("indexes")).size(), f.get("indexSeconds"),
                        f.get("vacuumAnalyzeSeconds"), ((Number) f.get("databaseBytes")).doubleValue() / 1e9);
    }

    /**
     * Rastro (a GraphQL request over HTTP) against PostgreSQL (the hand-written statement over JDBC, in the same
     * JVM, timed interleaved with it): below 1x Rastro is faster.
     */
    @SuppressWarnings("unchecked")
    private void sideBySide(StringBuilder sb) {
        var rows = new ArrayList<String>();
        for (var r : results) {
            if (r.skipped() != null) {
                continue;
            }
            if (PostgresFigures.stat(r, "medianMs") != null) {
                var concurrency = "11".equals(r.id());
                rows.add("| " + r.id() + " | " + r.title() + " | "
                        + (concurrency ? "p99 " + fmt(r.rastro().p99()) : fmt(r.rastro().median())) + " | "
                        + (concurrency ? "p99 " + fmt(PostgresFigures.stat(r, "p99Ms")) : fmt(PostgresFigures.stat(r, "medianMs"))) + " | "
                        + (concurrency ? fmt(r.rastro().p99() / PostgresFigures.stat(r, "p99Ms"))
                        : fmt(PostgresFigures.number(r, PostgresFigures.RATIO_MEDIAN))) + "x | "
                        + fmt(PostgresFigures.number(r, PostgresFigures.RATIO_P95)) + "x | "
                        + (PostgresFigures.number(r, PostgresFigures.RAW_RATIO_MEDIAN) == null ? ""
                        : fmt(PostgresFigures.number(r, PostgresFigures.RAW_RATIO_MEDIAN)) + "x") + " | "
                        + (r.extra().containsKey("walkPostgresMs") ? "walk of " + r.extra().get("page") + " pages: Rastro "
                        + r.extra().get("walkRastroMs") + " ms, PostgreSQL " + r.extra().get("walkPostgresMs") + " ms ("
                        + r.extra().get("walkRastroOverPostgres") + "x)" : "")
                        + (concurrency && r.extra().get("postgresRun") instanceof Map<?, ?> run
                        ? "Rastro " + r.extra().get("throughputPerSecond") + " req/s, p99 " + r.extra().get("p99OverSingleClientMedian")
                        + "x its single-client median; PostgreSQL " + run.get("throughputPerSecond") + " statements/s, p99 "
                        + run.get("p99OverSingleClientMedian") + "x, " + run.get("errors") + " errors" : "") + " |");
            }
            if (r.extra().get("formats") instanceof Map<?, ?> formats && formats.get("CSV") instanceof Map<?, ?> csv
                    && csv.containsKey("postgresCopyRowsPerSecond")) {
                rows.add("| 9 | CSV export of the account-month: Rastro over HTTP vs `COPY ... TO STDOUT` | "
                        + "%,d rows/s | %,d rows/s | %sx | | | %,d rows; time %s s vs %s s |".formatted(
                        ((Number) csv.get("rowsPerSecond")).longValue(), ((Number) csv.get("postgresCopyRowsPerSecond")).longValue(),
                        csv.get("rastroOverPostgresSeconds"), ((Number) csv.get("rows")).longValue(), csv.get("seconds"),
                        csv.get("postgresCopySeconds")));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        sb.append("\n## Rastro and PostgreSQL, side by side\n\n");
        sb.append("Rastro: the GraphQL request over HTTP, as above. PostgreSQL: the same question written by hand in SQL "
                + "(same rows: each answer checked equal to Rastro's before timing), over JDBC from the same JVM, "
                + "timed interleaved with Rastro. Ratio = Rastro / PostgreSQL time: below 1x Rastro is faster. "
                + "Rastro's side includes HTTP, authentication and GraphQL (row `floor`), PostgreSQL's none of them: "
                + "*engine / PostgreSQL* compares the two stores alone (the raw side's median against PostgreSQL's).\n\n");
        sb.append("| # | workload | Rastro | PostgreSQL | ratio median | ratio p95 | engine / PostgreSQL | notes |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        rows.forEach(row -> sb.append(row).append("\n"));
    }

    /** The notes column: what the row alone does not say. */
    private static String notes(WorkloadResult r) {
        var parts = new ArrayList<String>();
        if (r.notes() != null) {
            parts.add(r.notes());
        }
        var e = r.extra();
        if (e.containsKey("walkRastroMs")) {
            parts.add("page " + e.get("page") + " of " + e.get("pagesAsked") + " asked; walk of " + e.get("page")
                    + " pages: Rastro " + e.get("walkRastroMs") + " ms" + (e.containsKey("walkRawMs")
                    ? ", raw " + e.get("walkRawMs") + " ms (" + e.get("walkRatio") + "x)" : " (raw walk not run)"));
        }
        if (e.containsKey("answer") && !"11".equals(r.id())) {
            parts.add("answer " + e.get("answer"));
        }
        if (r.id().startsWith("9") || r.id().startsWith("10")) {
            parts.add("peak heap " + mib(e.get("peakHeapBytes")));
        }
        return String.join("; ", parts);
    }

    static String line(WorkloadResult r) {
        if (r.skipped() != null) {
            return r.skipped();
        }
        var sb = new StringBuilder();
        if (r.rastro() != null) {
            sb.append("Rastro median ").append(fmt(r.rastro().median())).append(" ms, p95 ").append(fmt(r.rastro().p95()));
        }
        if (r.raw() != null) {
            sb.append(sb.isEmpty() ? "" : "; ").append("raw median ").append(fmt(r.raw().median())).append(" ms, p95 ")
                    .append(fmt(r.raw().p95()));
            if (r.rastro() != null) {
                sb.append("; ratio ").append(fmt(r.medianRatio())).append("x / ").append(fmt(r.p95Ratio())).append("x");
            }
        }
        if (r.notes() != null) {
            sb.append(sb.isEmpty() ? "" : "; ").append(r.notes());
        }
        return sb.toString();
    }

    static String fmt(Double v) {
        if (v == null || v.isNaN()) {
            return "n/a";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String gib(Object bytes) {
        return bytes instanceof Number n ? String.format(Locale.ROOT, "%.1f GiB", n.doubleValue() / (1L << 30)) : "?";
    }

    private static String mib(Object bytes) {
        return bytes instanceof Number n ? String.format(Locale.ROOT, "%.0f MiB", n.doubleValue() / (1L << 20)) : "?";
    }
}
