package io.rastro.bench;

import io.rastro.demo.DemoGenerator;
import io.rastro.store.Sql;
import io.rastro.store.Store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The benchmark's data set: generated once per size and seed with {@link DemoGenerator} (90 days,
 * {@code Plan.benchTenants}), then reused. A marker table, {@code bench.marker}, records which size and seed the
 * directory holds and whether generation finished, so an interrupted generation is redone rather than measured.
 */
final class BenchData {

    private BenchData() {
    }

    /** Generates the data set unless the store already holds this size and seed; returns how it came to be. */
    static Map<String, Object> prepare(Store store, BenchConfig config, Consumer<String> log) {
        store.execute(Sql.of("CREATE DATABASE IF NOT EXISTS bench"));
        store.execute(Sql.of("""
                CREATE TABLE IF NOT EXISTS bench.marker
                (
                    size UInt64, seed UInt64, others UInt32, now DateTime64(3, 'UTC'), state String,
                    rows UInt64, seconds Float64, written_at DateTime64(3, 'UTC') DEFAULT now64(3)
                )
                ENGINE = MergeTree ORDER BY written_at"""));
        var marker = store.query(Sql.of("SELECT size, seed, others, now, state, rows, seconds FROM bench.marker "
                + "ORDER BY written_at DESC LIMIT 1"), r -> new Marker(r.getLong("size"), r.getLong("seed"),
                r.getLong("others"), r.getInstant("now"), r.getString("state"), r.getLong("rows"), r.getDouble("seconds")));
        if (!marker.isEmpty()) {
            var m = marker.getFirst();
            if (m.state().equals("complete") && m.size() == config.size() && m.seed() == config.seed()
                    && m.others() == config.others()) {
                log.accept("Reusing the data set in " + config.dataDir() + " (generated for " + m.now() + ")");
                return m.describe("reused");
            }
            log.accept("The data directory holds an unfinished or other data set (" + m + "): generating anew");
        } else if (messages(store) > 0) {
            throw new IllegalStateException("The data directory " + config.dataDir() + " holds messages that this "
                    + "harness did not generate; point --data-dir at an empty or benchmark directory");
        }
        for (var table : new String[] {"rastro.messages", "rastro.status_events", "rastro.message_keys", "bench.marker"}) {
            store.execute(Sql.of("TRUNCATE TABLE IF EXISTS " + table));
        }
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        insert(store, config, now, "generating", 0, 0);
        log.accept("Generating " + BenchConfig.label(config.size()) + " MT messages, seed " + config.seed()
                + ", 90 days, Acme + " + config.others() + " accounts...");
        var started = System.nanoTime();
        new DemoGenerator(store).generate(new DemoGenerator.Plan(config.size(), config.seed(), 90, now,
                DemoGenerator.Plan.benchTenants(config.others())));
        var seconds = (System.nanoTime() - started) / 1e9;
        // settled history: compacted before measuring, as the service's Compactor would leave it (not timed)
        new DemoGenerator(store).compact();
        var rows = messages(store);
        insert(store, config, now, "complete", rows, seconds);
        log.accept("Generated %,d messages in %.1f s (%,d messages/s)".formatted(rows, seconds, Math.round(rows / seconds)));
        return new Marker(config.size(), config.seed(), config.others(), now, "complete", rows, seconds)
                .describe("generated in this run");
    }

    /**
     * Waits until the engine has no merge running, so that the first workloads do not compete with the merges a
     * fresh generation leaves behind (a later run on the same data set starts in the same settled state).
     */
    static void settle(Store store, Consumer<String> log) throws InterruptedException {
        var deadline = System.nanoTime() + 600_000_000_000L;
        var announced = false;
        while (System.nanoTime() < deadline) {
            var merges = store.query(Sql.of("SELECT count() AS c FROM system.merges"), r -> r.getLong("c")).getFirst();
            if (merges == 0) {
                return;
            }
            if (!announced) {
                log.accept("Waiting for " + merges + " background merge(s) to finish...");
                announced = true;
            }
            Thread.sleep(1000);
        }
        log.accept("Merges still running after 10 minutes; measuring anyway");
    }

    private static long messages(Store store) {
        return store.query(Sql.of("SELECT count() AS c FROM rastro.messages"), r -> r.getLong("c")).getFirst();
    }

    private static void insert(Store store, BenchConfig config, Instant now, String state, long rows, double seconds) {
        store.execute(Sql.of("""
                INSERT INTO bench.marker (size, seed, others, now, state, rows, seconds)
                SELECT {size:UInt64}, {seed:UInt64}, {others:UInt32}, {now:DateTime64(3, 'UTC')}, {state:String},
                        {rows:UInt64}, {seconds:Float64}""")
                .bind("size", config.size()).bind("seed", config.seed()).bind("others", config.others())
                .bind("now", now).bind("state", state).bind("rows", rows).bind("seconds", seconds));
    }

    private record Marker(long size, long seed, long others, Instant now, String state, long rows, double seconds) {
        Map<String, Object> describe(String how) {
            var out = new LinkedHashMap<String, Object>();
            out.put("how", how);
            out.put("generatedFor", now.toString());
            out.put("rows", rows);
            out.put("seconds", Stats.round(seconds));
            out.put("rowsPerSecond", seconds > 0 ? Math.round(rows / seconds) : null);
            out.put("summary", "%s; %,d messages generated in %.1f s (%,d messages/s)".formatted(how, rows, seconds,
                    seconds > 0 ? Math.round(rows / seconds) : 0));
            return out;
        }
    }
}
