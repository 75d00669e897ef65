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
        return List.of(new HttpFloor(), new FirstPage(), new FailedCampaigns(), new PhoneLookup(),
                new CorrelationLookup(), new ConversationLookup(), new CountsByStatusDay(), new DeepPage(),
                new QuickReplies(), new MessageById(), new RepliedPage(), new FunnelWorkload(), new EngineFloor(),
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
        var ctx = new BenchContext(config, target, dataset, log);
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
