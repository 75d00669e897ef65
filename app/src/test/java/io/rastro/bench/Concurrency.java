package io.rastro.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * 11. Many users at once: N clients (16 by default), each sending the report requests of workloads 1-8 and
 * message(id) one after another (each client starts at a different one, so the mix is even at every moment),
 * for a fixed time. Throughput, latency percentiles over all requests, and errors, which must be 0. The p99 is
 * set against the single-client median of the same mix (all of those workloads' single-client samples pooled).
 * Then the engine alone: the same mix's raw statements from as many threads on the Store, for as long, set against
 * their own single-client median. That is the floor of the ratio: what queueing on these cores costs before any
 * HTTP, authentication, GraphQL or admission lane of Rastro's.
 */
final class Concurrency implements Workload {

    @Override
    public String id() {
        return "11";
    }

    @Override
    public String title() {
        return "concurrency: mixed report requests";
    }

    @Override
    public WorkloadResult run(BenchContext ctx) throws Exception {
        var mix = new ArrayList<>(new TreeMap<>(ctx.mix()).entrySet());
        if (mix.isEmpty()) {
            return WorkloadResult.skipped(this, "skipped: no report workload ran, nothing to mix");
        }
        var clients = ctx.config().clients();
        var deadline = System.nanoTime() + ctx.config().duration().toNanos();
        var samples = Collections.synchronizedList(new ArrayList<Long>());
        var perWorkload = new java.util.concurrent.ConcurrentHashMap<String, List<Long>>();
        var errors = new AtomicLong();
        var firstError = new AtomicReference<String>();
        var started = System.nanoTime();
        // Platform threads, one per client, for the reason GraphQlHttp gives: clients must not share the server's
        // virtual-thread carriers.
        try (var pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                var offset = c;
                pool.submit(() -> {
                    for (int i = offset; System.nanoTime() < deadline; i++) {
                        var entry = mix.get(i % mix.size());
                        var p = entry.getValue();
                        try {
                            var nanos = ctx.http().query(p.document(), p.variables()).nanos();
                            samples.add(nanos);
                            perWorkload.computeIfAbsent(entry.getKey(), k -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(nanos);
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, Instant.now() + " " + entry.getKey() + ": " + e.getMessage());
                        }
                    }
                });
            }
        }
        var elapsed = (System.nanoTime() - started) / 1e9;
        var all = Stats.ofNanos(samples);
        var single = Stats.ofNanos(ctx.singleClientNanos());
        var extra = new LinkedHashMap<String, Object>();
        extra.put("clients", clients);
        extra.put("seconds", Stats.round(elapsed));
        extra.put("requests", samples.size());
        extra.put("errors", errors.get());
        if (firstError.get() != null) {
            extra.put("firstError", firstError.get());
        }
        extra.put("throughputPerSecond", Stats.round(samples.size() / elapsed));
        extra.put("singleClientMedianMs", Stats.round(single.median()));
        extra.put("p99OverSingleClientMedian", Stats.round(all.p99() / single.median()));
        var per = new LinkedHashMap<String, Object>();
        new TreeMap<>(perWorkload).forEach((k, v) -> per.put(k, Stats.ofNanos(v).toMap()));
        extra.put("perWorkload", per);
        var notes = "%d clients, %.0f s: %d requests, %.1f req/s, %d errors; p99 %.1f ms = %.1fx the single-client median %.1f ms"
                .formatted(clients, elapsed, samples.size(), samples.size() / elapsed, errors.get(), all.p99(),
                        all.p99() / single.median(), single.median());
        var engine = engineAlone(ctx, mix.stream().map(e -> e.getValue().raw()).toList());
        extra.put("engineAloneRun", engine.figures());
        notes += "; the engine alone, the same mix's raw statements from %d threads: %,d statements, %.1f/s, %d errors, p99 %.1f ms = %.1fx its single-client median %.1f ms"
                .formatted(clients, engine.stats().n(), engine.figures().get("throughputPerSecond"), engine.figures().get("errors"),
                        engine.stats().p99(), engine.stats().p99() / engine.single().median(), engine.single().median());
        if (ctx.postgres() != null && !ctx.postgresMix().isEmpty()) {
            var pg = postgres(ctx);
            extra.put("postgresRun", pg.figures());
            extra.putAll(PostgresFigures.of(all, null, pg.stats()));
            notes += "; PostgreSQL, the same mix over %d connections: %,d statements, %.1f/s, %d errors, p99 %.1f ms = %.1fx its single-client median %.2f ms"
                    .formatted(clients, pg.stats().n(), pg.figures().get("throughputPerSecond"), pg.figures().get("errors"),
                            pg.stats().p99(), pg.stats().p99() / pg.single().median(), pg.single().median());
        }
        return new WorkloadResult(id(), title(), all, null, extra, notes, null);
    }

    /** A run of the mix on one side without Rastro's HTTP: the engine alone, or PostgreSQL. */
    record SideRun(Stats stats, Stats single, Map<String, Object> figures) {
    }

    /** The raw statements of the same mix, from as many threads on the service's own Store, for as long. */
    private static SideRun engineAlone(BenchContext ctx, List<ReportWorkload.RawCall> mix) {
        var store = ctx.store();
        return drive(ctx, Stats.ofNanos(ctx.rawSingleClientNanos()), (client, i) -> mix.get(i % mix.size()).run(store));
    }

    /**
     * The PostgreSQL statements of the same mix, from as many clients, each on a connection of its own (what a
     * connection pool of that size gives), for as long.
     */
    private static SideRun postgres(BenchContext ctx) throws Exception {
        var mix = new ArrayList<>(new TreeMap<>(ctx.postgresMix()).values());
        var connections = new ArrayList<java.sql.Connection>();
        try {
            for (int c = 0; c < ctx.config().clients(); c++) {
                connections.add(ctx.postgres().connect());
            }
            return drive(ctx, Stats.ofNanos(ctx.postgresSingleClientNanos()),
                    (client, i) -> mix.get(i % mix.size()).run(connections.get(client)));
        } finally {
            for (var c : connections) {
                c.close();
            }
        }
    }

    /** One statement of a side's mix: the {@code i}-th that client {@code client} sends. */
    @FunctionalInterface
    private interface SideCall {
        void run(int client, int i) throws Exception;
    }

    /**
     * Sends a side's mix from the run's number of clients, one platform thread each, for the run's duration (each
     * client starts at a different statement, as Rastro's side does), and sets its p99 against {@code single}.
     */
    private static SideRun drive(BenchContext ctx, Stats single, SideCall call) {
        var clients = ctx.config().clients();
        var samples = Collections.synchronizedList(new ArrayList<Long>());
        var errors = new AtomicLong();
        var firstError = new AtomicReference<String>();
        var deadline = System.nanoTime() + ctx.config().duration().toNanos();
        var started = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                var client = c;
                pool.submit(() -> {
                    for (int i = client; System.nanoTime() < deadline; i++) {
                        try {
                            var t = System.nanoTime();
                            call.run(client, i);
                            samples.add(System.nanoTime() - t);
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                        }
                    }
                });
            }
        }
        var elapsed = (System.nanoTime() - started) / 1e9;
        var stats = Stats.ofNanos(samples);
        var figures = new LinkedHashMap<String, Object>();
        figures.put("statements", samples.size());
        figures.put("errors", errors.get());
        if (firstError.get() != null) {
            figures.put("firstError", firstError.get());
        }
        figures.put("throughputPerSecond", Stats.round(samples.size() / elapsed));
        figures.put("singleClientMedianMs", Stats.round(single.median()));
        figures.put("p99OverSingleClientMedian", Stats.round(stats.p99() / single.median()));
        figures.put("latency", stats.toMap());
        return new SideRun(stats, single, figures);
    }
}
