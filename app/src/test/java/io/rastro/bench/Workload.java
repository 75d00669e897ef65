package io.rastro.bench;

/**
 * One thing the benchmark measures. Each is a small class; new ones (exports, HTTP ingestion) are added to
 * {@link Bench#workloads()} and nothing else changes.
 */
public interface Workload {

    /** Short stable key used in the JSON and in the table ("1", "7", "10-fast", ...). */
    String id();

    /** What a reader of the table should understand this row to be. */
    String title();

    WorkloadResult run(BenchContext ctx) throws Exception;
}
