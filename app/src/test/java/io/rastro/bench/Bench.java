package io.rastro.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs every workload against a running Rastro and its engine. Used by {@link BenchMain} (which starts Rastro on
 * a generated data set) and by the smoke test (which hands in the shared test context's server and store).
 */
public final class Bench {

    private Bench() {
    }

    /** The workloads, in the order they run: reads first, then the mix, exports, and the three that write last. */
    static List<Workload> workloads() {
        return List.of(new HttpFloor(), new FirstPage(), new FailedCampaigns(), new PhoneLookup(), new PhoneFirstPaint(),
                new CorrelationLookup(), new ConversationLookup(), new CountsByStatusDay(), new DeepPage(),
                new QuickReplies(), new MessageById(), new RepliedPage(), new FunnelWorkload(), new EngineFloor(), new LookupShape(),
                new Concurrency(), new ExportsWorkload(),
                new XlsxWritersWorkload(), new IngestHttp(), new IngestFastPath(), new WebhookHttp());
    }

    /**
     * @param generation how the data set came to be (generated now or reused, rows/s), for the record
     */
    public static BenchReport run(BenchConfig config, BenchTarget target, Map<String, Object> generation,
                                  Consumer<String> log) {
        var startedAt = Instant.now();
        var machine = Machine.facts(target.store());
        var dataset = Dataset.inspect(target.store());
        log.accept("Data: " + dataset.messages() + " messages (" + dataset.acmeMessages() + " Acme), "
                + dataset.parts() + " active parts, periods end " + dataset.end());
        var postgres = startPostgres(config, target, log, machine);
        try {
            return runAll(config, target, generation, log, startedAt, machine, dataset, postgres);
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** The PostgreSQL peer as the config asks for it, loaded with the same data; null when there is none. */
    private static PostgresPeer startPostgres(BenchConfig config, BenchTarget target, Consumer<String> log,
                                              Map<String, Object> machine) {
        if (config.postgres() == BenchConfig.Peer.FALSE) {
            machine.put("postgres", "not run (postgres=false)");
            return null;
        }
        try {
            var bin = PostgresServer.installed();
            if (bin.isEmpty() && config.postgres() == BenchConfig.Peer.AUTO) {
                log.accept("PostgreSQL: not installed, skipped (postgres=auto)");
                machine.put("postgres", "not run: not installed (postgres=auto)");
                return null;
            }
            var path = bin.isPresent() ? bin.get() : PostgresServer.install(log);
            var started = System.nanoTime();
            var peer = PostgresPeer.start(path, target.store(), log);
            peer.facts().put("loadSeconds", Stats.round((System.nanoTime() - started) / 1e9));
            machine.put("postgres", peer.facts());
            return peer;
        } catch (Exception | AssertionError e) {
            if (config.postgres() == BenchConfig.Peer.TRUE) {
                throw new IllegalStateException("PostgreSQL could not be started and loaded: " + e, e);
            }
            log.accept("PostgreSQL: skipped: " + e);
            machine.put("postgres", "not run: " + e);
            return null;
        }
    }

    private static BenchReport runAll(BenchConfig config, BenchTarget target, Map<String, Object> generation,
                                      Consumer<String> log, Instant startedAt, Map<String, Object> machine,
                                      Dataset dataset, PostgresPeer postgres) {
        var ctx = new BenchContext(config, target, dataset, postgres, log);
        var results = new ArrayList<WorkloadResult>();
        for (var w : workloads()) {
            if (!config.only().isEmpty() && !config.only().contains(w.id())) {
                continue;
            }
            log.accept("[" + w.id() + "] " + w.title());
            var load = Machine.load();
            BenchContext.resetPeakHeap();
            WorkloadResult result;
            try {
                result = w.run(ctx);
            } catch (Exception e) {
                result = WorkloadResult.failed(w, e);
            }
            var common = new LinkedHashMap<String, Object>();
            common.put("loadAverageBefore", Stats.round(load));
            if (!result.extra().containsKey("peakHeapBytes")) {
                common.put("peakHeapBytes", BenchContext.peakHeapBytes());
            }
            result = result.with(common);
            log.accept("    " + BenchReport.line(result));
            results.add(result);
        }
        machine.put("loadAverageAtEnd", Stats.round(Machine.load()));
        return new BenchReport(startedAt, config, machine, dataset, generation, results);
    }
}
