package io.rastro.bench;

import io.rastro.demo.DemoIdentities;
import io.rastro.ingest.EventStreamGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * 10 (HTTP). Ingestion as the platform does it: NDJSON batches of message, status and reply events posted to
 * {@code POST /api/v1/events} with Globex's ingestion token, one batch after another. The batches are built before
 * the clock starts (a real sender has them already); the timed span is the first request sent to the last answer
 * received, and every answer must be 200 with every line accepted.
 *
 * <p>The events are dated 2019 (the weeks before {@link IngestFastPath#NOW}), so no report figure over recent data
 * sees them. Their ids carry the run's start time: every run measures a first posting, which is what the platform
 * does (a replay of stored ids skips the message rows and is not comparable). The price is that each run leaves its
 * events behind (1M events: about 1% of the 100M data set).
 */
final class IngestHttp implements Workload {

    static final int BATCH_LINES = 50_000;

    @Override
    public String id() {
        return "10-http";
    }

    @Override
    public String title() {
        return "ingestion: NDJSON batches to POST /api/v1/events";
    }

    @Override
    public WorkloadResult run(BenchContext ctx) throws Exception {
        var total = ctx.config().ingestSize();
        var subaccounts = DemoIdentities.TENANTS.get(1).subaccounts().stream().map(s -> s[0]).toList();
        var batches = new ArrayList<byte[]>();
        var started = System.currentTimeMillis();
        var run = Long.toString(started, 36);
        // A slot of hours of its own (48 slots over 40 days), so that what earlier runs left behind is not in the
        // spans this run's batches are recomputed over.
        var firstHour = IngestFastPath.NOW.minus(Duration.ofDays(60))
                .plus(Duration.ofHours(20L * ((started / 60_000) % 48)));
        long events = 0;
        for (int i = 0; events < total; i++) {
            var lines = Math.min(BATCH_LINES, total - events);
            var body = new ByteArrayOutputStream();
            var plan = new EventStreamGenerator.Plan(ctx.config().seed() + 1000 + i,
                    "wamid.BENCH-HTTP-" + ctx.config().seed() + "-" + run + "-" + i, subaccounts,
                    firstHour.plus(Duration.ofHours(i)), Duration.ofMillis(10));
            EventStreamGenerator.write(plan, lines, body);
            batches.add(body.toByteArray());
            events += lines;
        }
        BenchContext.resetPeakHeap();
        var clock = System.nanoTime();
        long bytes = 0;
        for (var batch : batches) {
            post(ctx, batch);
            bytes += batch.length;
        }
        var seconds = (System.nanoTime() - clock) / 1e9;
        var extra = new LinkedHashMap<String, Object>();
        extra.put("events", events);
        extra.put("batches", batches.size());
        extra.put("batchLines", BATCH_LINES);
        extra.put("bytes", bytes);
        extra.put("seconds", Stats.round(seconds));
        extra.put("eventsPerSecond", Math.round(events / seconds));
        extra.put("peakHeapBytes", BenchContext.peakHeapBytes());
        return new WorkloadResult(id(), title(), null, null, extra,
                "%,d events in %d batches of up to %,d lines (%.1f MB) in %.1f s: %,d events/s".formatted(events,
                        batches.size(), BATCH_LINES, bytes / 1e6, seconds, Math.round(events / seconds)), null);
    }

    private static void post(BenchContext ctx, byte[] batch) throws IOException, InterruptedException {
        var response = ctx.http().sendAs(HttpRequest.newBuilder(ctx.http().base().resolve("/api/v1/events"))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + DemoIdentities.GLOBEX_INGEST_TOKEN)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch)));
        if (response.statusCode() != 200) {
            throw new IOException("POST /api/v1/events: HTTP " + response.statusCode() + " "
                    + new String(response.body(), 0, Math.min(500, response.body().length)));
        }
    }
}
