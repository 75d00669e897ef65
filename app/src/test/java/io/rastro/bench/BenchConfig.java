package io.rastro.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one benchmark run does. Parsed from {@code --name=value} arguments so the same harness serves the Maven
 * execution (big runs) and the smoke test (tiny runs in the shared test context).
 *
 * @param size         MT messages the data set is generated with (MO replies come on top, ~13%)
 * @param seed         same size and seed, same data: a data directory holding both is reused
 * @param warmup       untimed requests per workload before timing starts (JIT, engine caches): at least this many
 * @param warmupTime   ... and for at least this long. A service that has run for a while has its request path
 *                     compiled by the JIT; a handful of requests does not get there (the {__typename} floor took
 *                     7.1 ms after 5 warm-up requests and 1.8 ms after 2,000), and the report ratios then measured
 *                     the interpreter rather than the service
 * @param reps         timed repetitions per workload and side (Rastro and raw)
 * @param deepPages    the page the deep-page workload walks to (capped at the pages that exist)
 * @param rawWalk      whether the deep-page walk is repeated on the raw engine for a walk ratio (it doubles the
 *                     walk's time: 2,000 pages each recomputing the exact total is long at 10M)
 * @param clients      concurrent clients in the concurrency workload
 * @param duration     how long the concurrency workload runs
 * @param ingestSize   MT messages the generator fast-path workload writes (into a tenant of its own)
 * @param others       synthetic accounts beside Acme in the generated data set
 * @param outDir       where the Markdown and JSON results go
 * @param dataDir      the engine's data directory (one per size and seed)
 * @param port         the HTTP port to start Rastro on (0: any free port)
 * @param only         workload ids to run (empty: all), for quick iterations on one figure; a full run reports
 * @param exportFormats the formats the export workload writes (all four by default; XLSX of a 100M account-month
 *                      alone takes many minutes)
 * @param postgres     whether PostgreSQL runs beside Rastro ({@link Peer})
 * @param allowDirty   whether a run may measure a working tree with uncommitted changes (its results then cannot
 *                     be traced to a commit)
 */
public record BenchConfig(long size, long seed, int warmup, Duration warmupTime, int reps, int deepPages, boolean rawWalk, int clients,
                          Duration duration, long ingestSize, int others, Path outDir, Path dataDir, int port,
                          java.util.Set<String> only, java.util.List<String> exportFormats, Peer postgres,
                          boolean allowDirty) {

    /**
     * PostgreSQL as a peer: {@code true} runs it, installing Debian's postgresql with apt-get when missing (the full
     * benchmark's default); {@code auto} runs it only when its binaries are already installed (the smoke test:
     * the test suite never installs anything); {@code false} leaves it out.
     */
    public enum Peer { TRUE, AUTO, FALSE }

    public static final long DEFAULT_SEED = 42;

    /** Parses {@code --size=10M --seed=42 ...}; anything unset takes the big-run default. */
    public static BenchConfig parse(String... args) {
        var values = new HashMap<String, String>();
        for (var arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Arguments are --name=value; got '" + arg + "'");
            }
            var eq = arg.indexOf('=');
            values.put(arg.substring(2, eq), arg.substring(eq + 1).strip());
        }
        var size = parseSize(values.getOrDefault("size", "10M"));
        var seed = Long.parseLong(values.getOrDefault("seed", String.valueOf(DEFAULT_SEED)));
        var data = values.containsKey("data-dir") && !values.get("data-dir").isBlank()
                ? Path.of(values.get("data-dir"))
                : Path.of(values.getOrDefault("data-root", "bench/data")).resolve(label(size) + "-" + seed);
        var config = new BenchConfig(size, seed,
                Integer.parseInt(values.getOrDefault("warmup", "5")),
                Duration.ofSeconds(Long.parseLong(values.getOrDefault("warmup-seconds", "10"))),
                Integer.parseInt(values.getOrDefault("reps", "30")),
                Integer.parseInt(values.getOrDefault("deep-pages", "2000")),
                Boolean.parseBoolean(values.getOrDefault("raw-walk", "true")),
                Integer.parseInt(values.getOrDefault("clients", "16")),
                Duration.ofSeconds(Long.parseLong(values.getOrDefault("duration", "60"))),
                parseSize(values.getOrDefault("ingest-size", "").isBlank()
                        ? String.valueOf(Math.min(1_000_000, Math.max(10_000, size / 10))) : values.get("ingest-size")),
                Integer.parseInt(values.getOrDefault("others", "20")),
                Path.of(values.getOrDefault("out", "bench/results")),
                data,
                Integer.parseInt(values.getOrDefault("port", "0")),
                values.getOrDefault("only", "").isBlank() ? java.util.Set.of()
                        : java.util.Set.of(values.get("only").split("\\s*,\\s*")),
                java.util.List.of(values.getOrDefault("export-formats", "").isBlank() ? new String[] {"CSV", "XLSX", "PDF", "PARQUET"}
                        : values.get("export-formats").toUpperCase(Locale.ROOT).split("\\s*,\\s*")),
                Peer.valueOf(values.getOrDefault("postgres", "true").strip().toUpperCase(Locale.ROOT)),
                Boolean.parseBoolean(values.getOrDefault("allow-dirty", "false")));
        var unknown = new HashMap<>(values);
        for (var known : new String[] {"size", "seed", "warmup", "warmup-seconds", "reps", "deep-pages", "raw-walk", "clients", "duration",
                "ingest-size", "others", "out", "data-dir", "data-root", "port", "only", "export-formats", "postgres", "allow-dirty"}) {
            unknown.remove(known);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown arguments: " + unknown.keySet());
        }
        return config;
    }

    /** {@code 200k}, {@code 10M}, {@code 1.5M}, {@code 100000}. */
    public static long parseSize(String text) {
        var t = text.strip().toUpperCase(Locale.ROOT).replace("_", "");
        var multiplier = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> 1_000L;
            case 'M' -> 1_000_000L;
            case 'G', 'B' -> 1_000_000_000L;
            default -> 1L;
        };
        var number = multiplier == 1 ? t : t.substring(0, t.length() - 1);
        return Math.round(Double.parseDouble(number) * multiplier);
    }

    /** The inverse of {@link #parseSize} for round sizes: 10000000 is "10M". */
    public static String label(long size) {
        if (size % 1_000_000_000L == 0) {
            return size / 1_000_000_000L + "G";
        }
        if (size % 1_000_000 == 0) {
            return size / 1_000_000 + "M";
        }
        if (size % 1_000 == 0) {
            return size / 1_000 + "k";
        }
        return String.valueOf(size);
    }

    /** The arguments as recorded in the results, so a run can be repeated exactly. */
    public Map<String, Object> describe() {
        var out = new java.util.LinkedHashMap<String, Object>();
        out.put("size", size);
        out.put("seed", seed);
        out.put("warmup", warmup);
        out.put("reps", reps);
        out.put("deepPages", deepPages);
        out.put("rawWalk", rawWalk);
        out.put("clients", clients);
        out.put("durationSeconds", duration.toSeconds());
        out.put("ingestSize", ingestSize);
        out.put("otherAccounts", others);
        out.put("exportFormats", exportFormats);
        out.put("postgres", postgres.name().toLowerCase(Locale.ROOT));
        if (!only.isEmpty()) {
            out.put("only", only.stream().sorted().toList());
        }
        return out;
    }
}
