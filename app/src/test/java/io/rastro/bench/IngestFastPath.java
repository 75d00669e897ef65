package io.rastro.bench;

import io.rastro.demo.DemoGenerator;
import io.rastro.demo.DemoIdentities;
import io.rastro.store.Sql;
import io.rastro.store.Store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * 10 (fast path). Events/s through {@link DemoGenerator}: rows built and written inside the engine, never passing
 * through the JVM (what a bulk back-fill can reach; the HTTP path is {@link IngestHttp}).
 *
 * <p>It writes into a tenant of its own, {@value Dataset#INGEST_TENANT}, dated 2019 (the 90 days before
 * 2020-01-01), so no report figure and no test over recent data ever sees it. The plan is fixed (seed, size,
 * "now"), so a second run writes the very same keys: the ReplacingMergeTree tables collapse them and the data set
 * does not grow run after run. Before the clock starts, the message partitions of those days are dropped (they
 * hold only what benchmark ingestion wrote), so every run writes into empty days, as a back-fill of a new period
 * does, instead of beside the parts of earlier runs. It runs last, because it makes the engine merge for a while
 * afterwards.
 */
final class IngestFastPath implements Workload {

    static final Instant NOW = Instant.parse("2020-01-01T00:00:00Z");

    @Override
    public String id() {
        return "10-fast";
    }

    @Override
    public String title() {
        return "ingestion: generator fast path (in-engine)";
    }

    @Override
    public WorkloadResult run(BenchContext ctx) {
        var store = ctx.store();
        // seed + 1: other message ids than the data set's, whose seed it would otherwise share
        var plan = new DemoGenerator.Plan(ctx.config().ingestSize(), ctx.config().seed() + 1, 90, NOW,
                List.of(new DemoGenerator.TenantShare(tenant(), 1000)));
        dropMessageDays(store, plan);
        BenchContext.resetPeakHeap();
        var started = System.nanoTime();
        new DemoGenerator(store).generate(plan);
        var nanos = System.nanoTime() - started;
        var peakHeap = BenchContext.peakHeapBytes();
        // DemoGenerator.generate's own return value counts every MO row in the table, not just this plan's, so
        // the rows are counted here (FINAL: a repeated run's duplicates are not counted twice).
        var messages = count(store, "rastro.messages");
        var statusEvents = count(store, "rastro.status_events");
        var seconds = nanos / 1e9;
        var extra = new LinkedHashMap<String, Object>();
        extra.put("mtMessages", plan.messages());
        extra.put("messagesWritten", messages);
        extra.put("statusEventsWritten", statusEvents);
        extra.put("seconds", Stats.round(seconds));
        extra.put("messagesPerSecond", Math.round(messages / seconds));
        extra.put("rowsPerSecond", Math.round((messages + statusEvents) / seconds));
        extra.put("peakHeapBytes", peakHeap);
        return new WorkloadResult(id(), title(), null, null, extra,
                "%,d messages + %,d status events in %.1f s: %,d messages/s (%,d rows/s incl. status events)"
                        .formatted(messages, statusEvents, seconds, Math.round(messages / seconds),
                                Math.round((messages + statusEvents) / seconds)), null);
    }

    /** The partitions (one per day) the plan writes into, and a day either side; only benchmark data lies there. */
    private static void dropMessageDays(Store store, DemoGenerator.Plan plan) {
        var last = LocalDate.ofInstant(plan.now(), ZoneOffset.UTC).plusDays(1);
        for (var day = last.minusDays(plan.days() + 2L); !day.isAfter(last); day = day.plusDays(1)) {
            // a partition id is code-made text (yyyyMMdd of a date), never input; DDL takes no parameters
            store.execute(Sql.of("ALTER TABLE rastro.messages DROP PARTITION ID '"
                    + day.format(DateTimeFormatter.BASIC_ISO_DATE) + "'"));
        }
    }

    private static long count(Store store, String table) {
        return store.query(Sql.of("SELECT count() AS c FROM " + table + " FINAL WHERE account_id = {a:String}")
                .bind("a", Dataset.INGEST_TENANT), r -> r.getLong("c")).getFirst();
    }

    /** Globex's shape (two subaccounts, two campaigns with buttons) under the ingest tenant's ids. */
    private static DemoIdentities.Tenant tenant() {
        var base = DemoIdentities.TENANTS.get(1);
        var id = Dataset.INGEST_TENANT;
        return new DemoIdentities.Tenant(id, id,
                base.subaccounts().stream().map(s -> new String[] {s[0].replace(base.id(), id), s[1]}).toList(),
                base.users(),
                base.campaigns().stream().map(c -> new DemoIdentities.Campaign(c.id().replace(base.id(), id),
                        c.name(), c.subaccount().replace(base.id(), id), c.template(), c.category(), c.body(),
                        c.buttons())).toList());
    }
}
