package io.rastro.bench;

import io.rastro.demo.DemoIdentities;
import io.rastro.store.Sql;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * 12. WhatsApp Cloud API webhooks as Meta sends them: {@value #CLIENTS} clients at once, each posting one signed
 * change per request to {@code POST /webhooks/whatsapp} for the run's duration. Every message's life is four posts,
 * as Meta makes it: its {@code sent}, {@code delivered} and {@code read} statuses (with conversation and pricing)
 * and the contact's text reply (with {@code context.id}). Bodies are built and signed by the clients as they go
 * (a few microseconds each; prebuilt, a long run's bodies would fill the heap this run measures). Every answer must
 * be 200: a 200 means stored (in the journal or the inbox; the apply follows). Reported: requests/s, latency
 * percentiles, how long after the last answer everything answered was applied (and so the rate answered and applied),
 * the process's CPU and the engine's merging per POST, and the heap, live after a collection before and after the run
 * (flat memory: the group commit holds only a bounded backlog; the latency samples are let go first).
 *
 * <p>The messages are dated in 2019 (before {@link IngestFastPath#NOW}) and routed to Globex's retail subaccount
 * through a number of the benchmark's own, so no report figure over recent data sees them.
 */
final class WebhookHttp implements Workload {

    /** Meta delivers from many connections at once; the figure of issue #19. */
    static final int CLIENTS = 64;
    /** The app secret the bodies are signed with: the test profile's, and what BenchMain configures. */
    static final String SECRET = "test-app-secret-new";
    static final String NUMBER = "100000000000012";
    static final String WABA = "100000000000013";

    @Override
    public String id() {
        return "12-webhook";
    }

    @Override
    public String title() {
        return "webhooks: signed Cloud API bodies to POST /webhooks/whatsapp, " + CLIENTS + " clients";
    }

    @Override
    public WorkloadResult run(BenchContext ctx) throws Exception {
        register(ctx);
        var run = Long.toString(System.currentTimeMillis(), 36);
        var base = IngestFastPath.NOW.minus(Duration.ofDays(50)).plus(Duration.ofMinutes(System.currentTimeMillis()
                / 60_000 % (60 * 24 * 20)));
        var deadline = System.nanoTime() + ctx.config().duration().toNanos();
        var samples = Collections.synchronizedList(new ArrayList<Long>());
        var errors = new AtomicLong();
        var firstError = new AtomicReference<String>();
        var bytes = new AtomicLong();
        var next = new AtomicLong();
        var liveBefore = liveHeap();
        BenchContext.resetPeakHeap();
        var mergesBefore = merges(ctx);
        var cpuBefore = processCpuNanos();
        var started = System.nanoTime();
        var runStart = Instant.now();
        // platform threads, for the reason GraphQlHttp gives; one keep-alive connection each (PlainHttp1 says why)
        try (var pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                pool.submit(() -> {
                    var mac = mac();
                    try (var http = new PlainHttp1(ctx.http().base())) {
                        while (System.nanoTime() < deadline) {
                            var i = next.getAndIncrement();
                            var body = body(run, base, i).getBytes(StandardCharsets.UTF_8);
                            var signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
                            try {
                                var t = System.nanoTime();
                                var response = http.post("/webhooks/whatsapp", body, "Content-Type: application/json",
                                        "X-Hub-Signature-256: " + signature);
                                var nanos = System.nanoTime() - t;
                                if (response.status() != 200) {
                                    throw new IOException("HTTP " + response.status() + " " + new String(response.body(),
                                            0, Math.min(300, response.body().length), StandardCharsets.UTF_8));
                                }
                                samples.add(nanos);
                                bytes.addAndGet(body.length);
                            } catch (Exception e) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, Instant.now() + ": " + e);
                                http.close(); // the next request opens a fresh connection
                            }
                        }
                    } catch (IOException e) {
                        firstError.compareAndSet(null, Instant.now() + ": " + e);
                    }
                });
            }
        }
        var seconds = (System.nanoTime() - started) / 1e9;
        // a 200 means stored (journal or inbox); the apply follows: how long until the last answered group is applied
        var drainMs = drain(ctx, runStart);
        var mergesAfter = merges(ctx);
        var cpuMs = (processCpuNanos() - cpuBefore) / 1e6;
        var peak = BenchContext.peakHeapBytes();
        var stats = Stats.ofNanos(samples);
        var requests = samples.size();
        // the samples are the harness's (a boxed Long per POST, some 24 bytes): let them go before the service's heap
        // is measured, so that the figure is the service's alone
        samples.clear();
        var liveAfter = liveHeap();
        var extra = new LinkedHashMap<String, Object>();
        extra.put("clients", CLIENTS);
        extra.put("seconds", Stats.round(seconds));
        extra.put("requests", requests);
        extra.put("errors", errors.get());
        if (firstError.get() != null) {
            extra.put("firstError", firstError.get());
        }
        extra.put("requestsPerSecond", Math.round(requests / seconds));
        extra.put("applyDrainMs", drainMs);
        // answered and applied: the rate the report's tables took them in, the apply's tail included
        extra.put("appliedPerSecond", drainMs < 0 ? null : Math.round(requests / (seconds + drainMs / 1000.0)));
        extra.put("bytes", bytes.get());
        // the whole JVM (server, engine and these clients): what one request costs whatever else runs on the machine
        extra.put("processCpuMsPerRequest", requests == 0 ? null : Stats.round(cpuMs / requests));
        // the engine's background merges over the run (the whole engine's: the inbox's are most of them), which the
        // inbox's merge settings (migration 017) are about
        var mergedPerRequest = requests == 0 ? 0 : (mergesAfter[0] - mergesBefore[0]) / requests;
        extra.put("engineMergedBytesPerRequest", requests == 0 ? null : mergedPerRequest);
        extra.put("engineMergeSecondsPerSecond", Stats.round((mergesAfter[1] - mergesBefore[1]) / 1000.0 / seconds));
        extra.put("p50Ms", Stats.round(stats.median()));
        extra.put("p99Ms", Stats.round(stats.p99()));
        extra.put("liveHeapBeforeBytes", liveBefore);
        extra.put("liveHeapAfterBytes", liveAfter);
        extra.put("peakHeapBytes", peak);
        return new WorkloadResult(id(), title(), stats, null, extra,
                ("%d clients, %.0f s: %,d webhook POSTs, %,d/s, %d errors; p50 %.1f ms, p99 %.1f ms; all applied "
                        + "%,d ms after the last answer (%s/s answered and applied); %.2f ms of process CPU per POST; "
                        + "engine merges %.1f s/s, %,d KB per POST; live heap %d -> %d MiB (peak %d MiB)")
                        .formatted(CLIENTS, seconds,
                        requests, Math.round(requests / seconds), errors.get(), stats.median(), stats.p99(),
                        drainMs, extra.get("appliedPerSecond") == null ? "n/a"
                                : "%,d".formatted((Long) extra.get("appliedPerSecond")),
                        requests == 0 ? 0.0 : cpuMs / requests, extra.get("engineMergeSecondsPerSecond"),
                        mergedPerRequest / 1024, liveBefore >> 20, liveAfter >> 20, peak >> 20),
                null);
    }

    /**
     * Milliseconds until every inbox group stored since {@code since} is marked applied (polled every 20 ms), or -1
     * when they were not within two minutes.
     */
    private static long drain(BenchContext ctx, Instant since) {
        var t = System.nanoTime();
        var deadline = t + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            var left = ctx.store().query(Sql.of("""
                    SELECT count() AS c FROM (SELECT DISTINCT group_id FROM rastro.webhook_inbox
                                              WHERE received_at >= {since:DateTime64(3, 'UTC')})
                    WHERE group_id NOT IN (SELECT group_id FROM rastro.webhook_inbox_applied
                                           WHERE received_at >= {since:DateTime64(3, 'UTC')})""")
                    .bind("since", since.minusSeconds(1)), r -> r.getLong("c")).getFirst();
            if (left == 0) {
                return (System.nanoTime() - t) / 1_000_000;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    /** The engine's merge counters so far: uncompressed bytes merged, and milliseconds spent merging. */
    private static long[] merges(BenchContext ctx) {
        var out = new long[2];
        ctx.store().read(Sql.of("""
                SELECT event, toInt64(value) AS value FROM system.events
                WHERE event IN ('MergedUncompressedBytes', 'MergeTotalMilliseconds')"""),
                row -> out[row.getString("event").equals("MergedUncompressedBytes") ? 0 : 1] = row.getLong("value"));
        return out;
    }

    /** The benchmark's number, for Globex's retail subaccount (written directly: this is set-up, not measured). */
    private static void register(BenchContext ctx) {
        ctx.store().execute(Sql.of("""
                INSERT INTO rastro.whatsapp_numbers (phone_number_id, waba_id, account_id, subaccount_id,
                    display_phone_number, registered_by, registered_at, version)
                SELECT {n:String}, {w:String}, {a:String}, 'globex-retail', '', 'bench', now64(3), 1""")
                .bind("n", NUMBER).bind("w", WABA).bind("a", DemoIdentities.GLOBEX));
    }

    /** Request {@code i}: message {@code i / 4}'s sent, delivered or read status, or the contact's reply. */
    static String body(String run, Instant base, long i) {
        var n = i / 4;
        var id = "wamid.BENCH-WH-" + run + "-" + n;
        var contact = Long.toString(5511900000000L + n % 1_000_000);
        var at = base.plusSeconds(n / 50);
        var value = switch ((int) (i % 4)) {
            case 0 -> status(id, "sent", at, contact);
            case 1 -> status(id, "delivered", at.plusSeconds(3), contact);
            case 2 -> status(id, "read", at.plusSeconds(40), contact);
            default -> "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"34914000012\","
                    + "\"phone_number_id\":\"" + NUMBER + "\"},\"contacts\":[{\"profile\":{\"name\":\"Cliente " + n
                    + "\"},\"wa_id\":\"" + contact + "\"}],\"messages\":[{\"context\":{\"from\":\"34914000012\",\"id\":\""
                    + id + "\"},\"from\":\"" + contact + "\",\"id\":\"" + id + "-R\",\"timestamp\":\""
                    + at.plusSeconds(90).getEpochSecond() + "\",\"text\":{\"body\":\"Me interesa, \\u00bfhay talla M?\"},"
                    + "\"type\":\"text\"}]}";
        };
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + WABA + "\",\"changes\":[{\"value\":"
                + value + ",\"field\":\"messages\"}]}]}";
    }

    private static String status(String id, String status, Instant at, String contact) {
        return "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"34914000012\","
                + "\"phone_number_id\":\"" + NUMBER + "\"},\"statuses\":[{\"id\":\"" + id + "\",\"status\":\"" + status
                + "\",\"timestamp\":\"" + at.getEpochSecond() + "\",\"recipient_id\":\"" + contact + "\","
                + "\"conversation\":{\"id\":\"CONV-" + id.substring(15) + "\",\"origin\":{\"type\":\"marketing\"}},"
                + "\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\",\"category\":\"marketing\","
                + "\"type\":\"regular\"}}]}";
    }

    private static Mac mac() {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU time of this process (every thread, the engine's included), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The heap in use after a full collection. */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
