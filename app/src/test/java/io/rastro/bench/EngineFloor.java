package io.rastro.bench;

import io.rastro.report.MessageColumns;
import io.rastro.store.Sql;
import io.rastro.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Diagnostic, not a target: what the engine alone needs for the parts of a point lookup, so that a lookup figure
 * can be read against what no query shape can go below. Timed on the engine only (no HTTP), interleaved:
 * <ul>
 *   <li>a statement that reads nothing ({@code SELECT 1}): the per-statement floor;</li>
 *   <li>the phone's (time, id) keys from {@code message_keys}, the lookup's first step;</li>
 *   <li>the same rows read from {@code messages} by their primary key given as literals, with only the id, and
 *       with every column a report page shows: the rows alone, with no lookup before them.</li>
 * </ul>
 * A page of a point lookup does the second and the last in one statement, so it cannot be faster than their sum
 * less one floor.
 */
final class EngineFloor implements Workload {

    @Override
    public String id() {
        return "floor-engine";
    }

    @Override
    public String title() {
        return "engine floors under a point lookup (engine alone)";
    }

    @Override
    public WorkloadResult run(BenchContext ctx) throws Exception {
        var store = ctx.store();
        var d = ctx.dataset();
        var keys = Sql.of("SELECT event_time, message_id FROM rastro.message_keys"
                        + " WHERE account_id = {tenant_account:String} AND kind = 'PHONE' AND value = {phone:String}")
                .bind("tenant_account", Dataset.TENANT).bind("phone", d.phone());
        var times = new ArrayList<Instant>();
        var ids = new ArrayList<String>();
        store.stream(keys, row -> {
            times.add(row.getInstant("event_time"));
            ids.add(row.getString("message_id"));
        });
        var byKey = "FROM rastro.messages FINAL WHERE account_id = {tenant_account:String}"
                + " AND event_time IN {times:Array(DateTime64(3, 'UTC'))} AND message_id IN {ids:Array(String)}";
        var statements = new LinkedHashMap<String, Sql>();
        statements.put("floor", Sql.of("SELECT 1 AS one"));
        statements.put("lookupKeys", keys);
        statements.put("rowsByKeyIdOnly", bound("SELECT message_id " + byKey, times, ids));
        statements.put("rowsByKeyPageColumns", bound("SELECT " + MessageColumns.SELECT + "\n" + byKey, times, ids));
        var nanos = timeInterleaved(ctx, statements);
        var extra = new LinkedHashMap<String, Object>();
        extra.put("rows", ids.size());
        var notes = new StringBuilder("raw column: SELECT 1");
        for (var e : nanos.entrySet()) {
            var stats = Stats.ofNanos(e.getValue());
            extra.put(e.getKey() + "MedianMs", Stats.round(stats.median()));
            extra.put(e.getKey() + "P95Ms", Stats.round(stats.p95()));
            if (!e.getKey().equals("floor")) {
                notes.append("; ").append(describe(e.getKey())).append(": median ").append(Stats.round(stats.median()))
                        .append(" ms");
            }
        }
        notes.append(" (").append(ids.size()).append(" rows, the phone of workload 3)");
        return new WorkloadResult(id(), title(), null, Stats.ofNanos(nanos.get("floor")), extra, notes.toString(), null);
    }

    private static Sql bound(String text, List<Instant> times, List<String> ids) {
        return Sql.of(text).bind("tenant_account", Dataset.TENANT).bind("times", times).bind("ids", ids);
    }

    private static String describe(String name) {
        return Map.of("lookupKeys", "the phone's keys from message_keys",
                "rowsByKeyIdOnly", "its rows by primary key, id only",
                "rowsByKeyPageColumns", "its rows by primary key, the page's 29 columns").get(name);
    }

    /**
     * Engine-alone timings of named statements: the run's warm-up over all of them, then its repetitions, each
     * round running every statement once in turn, so that load on the machine falls on all of them alike.
     */
    static Map<String, List<Long>> timeInterleaved(BenchContext ctx, Map<String, Sql> statements) {
        var store = ctx.store();
        var warmup = ctx.warmup();
        while (warmup.more()) {
            statements.values().forEach(sql -> store.stream(sql, row -> { }));
        }
        var nanos = new LinkedHashMap<String, List<Long>>();
        statements.keySet().forEach(name -> nanos.put(name, new ArrayList<>()));
        for (int i = 0; i < ctx.config().reps(); i++) {
            for (var e : statements.entrySet()) {
                nanos.get(e.getKey()).add(time(store, e.getValue()));
            }
        }
        return nanos;
    }

    private static long time(Store store, Sql sql) {
        var started = System.nanoTime();
        store.stream(sql, row -> { });
        return System.nanoTime() - started;
    }
}
