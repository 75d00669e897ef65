package io.rastro;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Rastro's configuration, under {@code rastro.*}. {@code rastro.data-dir} and {@code rastro.clickhouse.url} are
 * documented operator settings (README, Configuration, with their environment variables): keep their names.
 *
 * @param dataDir    the embedded engine's data directory
 * @param chdb       where libchdb.so is and how many connections to open
 * @param clickhouse a ClickHouse server; when its url is set the server engine is used instead of chDB
 * @param engine     limits the engine enforces on every statement (the JVM's -Xmx does not bound it)
 * @param report     limits on report requests
 * @param ingest     ingestion settings
 * @param demo       demo data generated on first start
 * @param export     export jobs
 * @param retention  how long messages are kept (by their time, in whole days); null, the default: for ever
 */
@ConfigurationProperties("rastro")
public record RastroProperties(
        @DefaultValue("data") Path dataDir,
        @DefaultValue Chdb chdb,
        @DefaultValue Clickhouse clickhouse,
        @DefaultValue Engine engine,
        @DefaultValue Report report,
        @DefaultValue Ingest ingest,
        @DefaultValue Demo demo,
        @DefaultValue Export export,
        Duration retention) {

    /**
     * @param library  libchdb.so; the build fetches it to ~/.cache/rastro (env RASTRO_CHDB_LIBRARY overrides)
     * @param poolSize statements that may run at once on the embedded engine
     */
    public record Chdb(
            Path library,
            @DefaultValue("8") int poolSize,
            @DefaultValue("30s") Duration borrowTimeout) {
    }

    /**
     * @param cluster a cluster name from the servers' remote_servers: the schema is migrated ON CLUSTER with
     *                replicated local tables behind Distributed ones (docs/scale.md); unset on one server
     */
    public record Clickhouse(String url, @DefaultValue("default") String user, @DefaultValue("") String password,
                             @DefaultValue("600s") Duration timeout, String cluster) {
        public boolean configured() {
            return url != null && !url.isBlank();
        }

        public boolean clustered() {
            return cluster != null && !cluster.isBlank();
        }
    }

    /**
     * @param maxMemoryUsage   bytes one statement may use in the engine
     * @param maxThreads       engine threads per statement (0: the engine decides)
     * @param maxExecutionTime seconds any statement may run
     */
    public record Engine(@DefaultValue("4000000000") long maxMemoryUsage, @DefaultValue("0") int maxThreads,
                         @DefaultValue("600") int maxExecutionTime) {
    }

    /**
     * @param maxPeriod          the longest period one report request may cover
     * @param defaultPageSize    rows per page when the caller does not say
     * @param maxPageSize        the largest page a caller may ask for
     * @param maxExecutionTime   seconds one report statement may run before the engine stops it
     * @param maxRowsToRead      rows one report statement may read (0: no limit)
     * @param maxGroups          groups one messageCounts request may return
     * @param maxStatementsPerRequest report statements one GraphQL request may run
     * @param maxConcurrentPerCaller  report statements one caller (user or token) may have running at once
     * @param callerWait         how long a caller over that limit waits for one of its own to finish
     * @param shortLaneSlots     pages and lookups that may run at once (see {@code io.rastro.admission.Admission})
     * @param longLaneSlots      counts, funnels and analyses that may run at once: fewer than the engine's
     *                           connections, so that pages always find one
     * @param laneWait           how long a statement waits for a slot of its lane before TOO_MANY_REQUESTS
     */
    public record Report(@DefaultValue("93d") Duration maxPeriod, @DefaultValue("50") int defaultPageSize,
                         @DefaultValue("500") int maxPageSize, @DefaultValue("30") int maxExecutionTime,
                         @DefaultValue("0") long maxRowsToRead, @DefaultValue("10000") int maxGroups,
                         @DefaultValue("20") int maxStatementsPerRequest, @DefaultValue("4") int maxConcurrentPerCaller,
                         @DefaultValue("10s") Duration callerWait, @DefaultValue("6") int shortLaneSlots,
                         @DefaultValue("3") int longLaneSlots, @DefaultValue("20s") Duration laneWait) {
    }

    /**
     * @param recomputeChunk message ids per status recompute statement: each statement has a fixed cost (100-150 ms
     *                       at 100M rows), so fewer is faster; the ids travel as one query parameter, which a
     *                       ClickHouse server caps at 128 KiB as sent in the URL, so a chunk is also cut
     *                       at {@code SqlValues.MAX_ARRAY_PARAMETER_BYTES} (~1,700 wamids of 60 characters)
     * @param maxLines       lines one POST /api/v1/events batch may hold (more: 413)
     * @param maxLineSize    bytes one event line may hold (more: that line is rejected)
     * @param maxBatchSize   bytes one batch may hold (more: 413)
     */
    public record Ingest(@DefaultValue("10000") int recomputeChunk, @DefaultValue("250000") int maxLines,
                         @DefaultValue("64KB") DataSize maxLineSize, @DefaultValue("256MB") DataSize maxBatchSize) {
    }

    /**
     * @param enabled  generate demo data on first start (the demo profile turns this on)
     * @param messages how many messages to generate
     * @param seed     same seed, same data
     * @param days     how many days back the traffic goes
     */
    public record Demo(@DefaultValue("false") boolean enabled, @DefaultValue("200000") int messages,
                       @DefaultValue("42") long seed, @DefaultValue("90") int days) {
    }

    /**
     * @param dir                where export files are written; with several instances, a directory they all share
     * @param retention          how long a finished file stays downloadable
     * @param maxConcurrentPerAccount running export jobs one account may have
     * @param maxConcurrent      running export jobs in all
     * @param pdfMaxRows         the most rows a PDF export writes
     * @param heartbeat          how often an instance re-saves the jobs it runs, and checks others' for staleness
     * @param staleAfter         an unfinished job whose heartbeat is older than this has lost its instance: FAILED
     * @param maxFollowsPerAccount downloads of one account following running exports at once ({@code ?follow=true})
     * @param maxFollows         downloads following running exports at once, in all
     */
    public record Export(@DefaultValue("exports") Path dir, @DefaultValue("24h") Duration retention,
                         @DefaultValue("2") int maxConcurrentPerAccount, @DefaultValue("4") int maxConcurrent,
                         @DefaultValue("10000") int pdfMaxRows, @DefaultValue("10s") Duration heartbeat,
                         @DefaultValue("60s") Duration staleAfter, @DefaultValue("4") int maxFollowsPerAccount,
                         @DefaultValue("16") int maxFollows) {
    }
}
