package io.rastro.bench;

import io.rastro.demo.DemoIdentities;
import io.rastro.report.FilterValidator;
import io.rastro.report.ReportQueries;
import io.rastro.security.TenantScope;
import io.rastro.store.Store;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every workload shares in one run: the client, the raw engine and builders, the data set's facts, and what
 * earlier workloads leave for later ones (the prepared requests the concurrency mix replays, and their
 * single-client times it is judged against).
 */
public final class BenchContext {

    private final BenchConfig config;
    private final BenchTarget target;
    private final Dataset dataset;
    private final GraphQlHttp http;
    private final Consumer<String> log;
    private final Map<String, ReportWorkload.Prepared> mix = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Long> singleClientNanos = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> rawSingleClientNanos = Collections.synchronizedList(new ArrayList<>());
    private final PostgresPeer postgres;
    private final Map<String, PostgresPeer.Call> postgresMix = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Long> postgresSingleClientNanos = Collections.synchronizedList(new ArrayList<>());

    /** @param postgres the PostgreSQL peer, or null when this run has none */
    public BenchContext(BenchConfig config, BenchTarget target, Dataset dataset, PostgresPeer postgres,
                        Consumer<String> log) {
        this.postgres = postgres;
        this.config = config;
        this.target = target;
        this.dataset = dataset;
        this.log = log;
        this.http = new GraphQlHttp(target.baseUrl(), GraphQlHttp.basic(DemoIdentities.ANA, DemoIdentities.PASSWORD));
    }

    /** A new warm-up: untimed rounds until both the configured count and the configured time are reached. */
    Warmup warmup() {
        return new Warmup(config.warmup(), System.nanoTime() + config.warmupTime().toNanos());
    }

    /** Counts warm-up rounds; {@link #more()} says whether to run another. */
    static final class Warmup {
        private final int rounds;
        private final long until;
        private int done;

        Warmup(int rounds, long until) {
            this.rounds = rounds;
            this.until = until;
        }

        boolean more() {
            return done++ < rounds || System.nanoTime() < until;
        }
    }

    public BenchConfig config() {
        return config;
    }

    public Dataset dataset() {
        return dataset;
    }

    /** A client logged in as ana@acme.example (Acme administrator) with HTTP Basic, as issue #7 asks. */
    public GraphQlHttp http() {
        return http;
    }

    public Store store() {
        return target.store();
    }

    public ReportQueries queries() {
        return target.queries();
    }

    public FilterValidator validator() {
        return target.validator();
    }

    public java.nio.file.Path exportDir() {
        return target.exportDir();
    }

    public io.rastro.export.job.ExportQueries exportQueries() {
        return target.exportQueries();
    }

    /** Acme's subaccount names, as the service reads them for exports. */
    public Map<String, String> subaccountNames() {
        return target.directory().subaccountNames(Dataset.TENANT);
    }

    /** Ana's scope: what the service derives from her principal. */
    public TenantScope scope() {
        return TenantScope.wholeAccount(Dataset.TENANT);
    }

    public void log(String message) {
        log.accept(message);
    }

    /** Called by each report workload: its request (and its raw statement) joins the concurrency mix. */
    void addToMix(String id, ReportWorkload.Prepared prepared, List<Long> rastroNanos, List<Long> rawNanos) {
        mix.put(id, prepared);
        singleClientNanos.addAll(rastroNanos);
        rawSingleClientNanos.addAll(rawNanos);
    }

    /** The PostgreSQL peer loaded with this run's data set, or null when the run has none. */
    PostgresPeer postgres() {
        return postgres;
    }

    /** Called by each report workload that has a PostgreSQL side: its statement joins that side's mix. */
    void addToPostgresMix(String id, PostgresPeer.Call call, List<Long> nanos) {
        postgresMix.put(id, call);
        postgresSingleClientNanos.addAll(nanos);
    }

    Map<String, PostgresPeer.Call> postgresMix() {
        return Map.copyOf(postgresMix);
    }

    List<Long> postgresSingleClientNanos() {
        return List.copyOf(postgresSingleClientNanos);
    }

    Map<String, ReportWorkload.Prepared> mix() {
        return Map.copyOf(mix);
    }

    /** Every single-client Rastro sample of the mixed workloads: what one client alone sees for the mix. */
    List<Long> singleClientNanos() {
        return List.copyOf(singleClientNanos);
    }

    /** Every single-client sample of the mixed workloads' raw statements: the engine alone, one caller. */
    List<Long> rawSingleClientNanos() {
        return List.copyOf(rawSingleClientNanos);
    }

    /** Resets the JVM's heap peak counters, so {@link #peakHeapBytes()} covers what runs after this call. */
    static void resetPeakHeap() {
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the heap the JVM needed. */
    static long peakHeapBytes() {
        long sum = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
