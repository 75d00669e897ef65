package io.rastro.bench;

import io.rastro.store.Sql;
import io.rastro.store.Store;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A report request measured against its raw baseline. Each subclass says what the client sends and which
 * statement(s) the service runs for it, built by the app's own builders; this class checks once that both sides
 * give the same answer (so the baseline is the same question), warms up, and then times the two sides
 * interleaved, alternating which goes first, so that a noisy neighbour on a shared machine hits both alike.
 */
abstract class ReportWorkload implements Workload {

    /**
     * @param document  the GraphQL document
     * @param variables its variables
     * @param answer    a number the response carries that the raw side must reproduce (a total, a row count)
     * @param raw        the statement(s) the service runs for this request, through the same Store method
     * @param statements those statements, for their query plans in the results
     * @param extra      figures the preparation produced (e.g. the deep page's walk)
     */
    record Prepared(String document, Map<String, Object> variables, ToLongFunction<JsonNode> answer, RawCall raw,
                    List<Sql> statements, Map<String, Object> extra) {
    }

    /** The raw side: runs the statement(s) and returns the same number the response's answer gives. */
    @FunctionalInterface
    interface RawCall {
        long run(Store store);
    }

    abstract Prepared prepare(BenchContext ctx) throws Exception;

    /**
     * The same question written by hand for PostgreSQL ({@link PostgresPeer}), with figures its preparation
     * produced; null where the workload has no PostgreSQL side. Called only when the run has the peer.
     */
    PostgresSide postgres(BenchContext ctx, Prepared prepared) throws Exception {
        return null;
    }

    /** The PostgreSQL statement(s) of a workload, and what preparing them measured (e.g. the deep page's walk). */
    record PostgresSide(PostgresPeer.Call call, Map<String, Object> extra) {
        PostgresSide(PostgresPeer.Call call) {
            this(call, Map.of());
        }
    }

    /** Whether this request joins the concurrency mix (the report queries 1-8 do). */
    boolean mixed() {
        return true;
    }

    @Override
    public WorkloadResult run(BenchContext ctx) throws Exception {
        var p = prepare(ctx);
        var http = ctx.http();
        var store = ctx.store();
        var served = p.answer().applyAsLong(http.query(p.document(), p.variables()).data());
        var direct = p.raw().run(store);
        var notes = served == direct ? null
                : "MISMATCH: Rastro answered " + served + ", the raw statement " + direct;
        var pg = ctx.postgres() == null ? null : postgres(ctx, p);
        var pgConnection = ctx.postgres() == null ? null : ctx.postgres().connection();
        if (pg != null) {
            // the same rows, checked before anything is timed, as for the raw side
            var pgAnswer = pg.call().run(pgConnection);
            if (pgAnswer != served) {
                notes = (notes == null ? "" : notes + "; ") + "MISMATCH: Rastro answered " + served + ", PostgreSQL " + pgAnswer;
            }
        }
        var warmup = ctx.warmup();
        while (warmup.more()) {
            http.query(p.document(), p.variables());
            p.raw().run(store);
            if (pg != null) {
                pg.call().run(pgConnection);
            }
        }
        var rastro = new ArrayList<Long>();
        var raw = new ArrayList<Long>();
        var postgres = new ArrayList<Long>();
        for (int i = 0; i < ctx.config().reps(); i++) {
            // PostgreSQL last in one round and first in the next, so a noisy neighbour hits all three alike
            if (i % 2 == 0) {
                rastro.add(http.query(p.document(), p.variables()).nanos());
                raw.add(timeRaw(p, store));
                if (pg != null) {
                    postgres.add(timePostgres(pg.call(), pgConnection));
                }
            } else {
                if (pg != null) {
                    postgres.add(timePostgres(pg.call(), pgConnection));
                }
                raw.add(timeRaw(p, store));
                rastro.add(http.query(p.document(), p.variables()).nanos());
            }
        }
        if (mixed()) {
            ctx.addToMix(id(), p, rastro, raw);
            if (pg != null) {
                ctx.addToPostgresMix(id(), pg.call(), postgres);
            }
        }
        var extra = new LinkedHashMap<String, Object>(p.extra());
        if (pg != null) {
            extra.putAll(pg.extra());
            extra.putAll(PostgresFigures.of(Stats.ofNanos(rastro), Stats.ofNanos(raw), Stats.ofNanos(postgres)));
        }
        extra.put("answer", served);
        extra.put("explain", explain(store, p.statements()));
        return new WorkloadResult(id(), title(), Stats.ofNanos(rastro), Stats.ofNanos(raw), extra, notes, null);
    }

    /**
     * {@code EXPLAIN indexes = 1} of each statement (parts and granules each index kept): when a figure misses its
     * target, the first thing to look at is how much of the table the statement had to read.
     */
    private static List<List<String>> explain(Store store, List<Sql> statements) {
        var out = new ArrayList<List<String>>();
        for (var sql : statements) {
            try {
                out.add(store.query(new Sql("EXPLAIN indexes = 1\n" + sql.text(), sql.params(), sql.settings()),
                        row -> row.getString("explain")));
            } catch (RuntimeException e) {
                out.add(List.of("EXPLAIN failed: " + e.getMessage()));
            }
        }
        return out;
    }

    private static long timeRaw(Prepared p, Store store) {
        var started = System.nanoTime();
        p.raw().run(store);
        return System.nanoTime() - started;
    }

    private static long timePostgres(PostgresPeer.Call call, java.sql.Connection c) throws java.sql.SQLException {
        var started = System.nanoTime();
        call.run(c);
        return System.nanoTime() - started;
    }

    static Map<String, Object> input(Object... pairs) {
        var out = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
