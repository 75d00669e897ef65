package io.rastro.demo;

import io.rastro.store.Migrator;
import io.rastro.store.Store;
import io.rastro.store.chdb.ChdbStore;
import io.rastro.store.server.ServerStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java --enable-native-access=ALL-UNNAMED -jar app/target/rastro.jar generate --messages=10M --seed=42}:
 * builds a data set for benchmarks straight into a store (embedded data directory, or a ClickHouse server with
 * {@code --clickhouse-url}) at engine speed, without starting the service. Same seed, same data.
 *
 * <p>With {@code --via=http --url=http://localhost:8080 --token=rst_...} it loads through the ingestion path
 * instead: NDJSON batches of {@code --batch} events posted to a running service, as a platform would.
 */
public final class GenerateCommand {

    private GenerateCommand() {
    }

    public static void main(String[] args) throws Exception {
        var options = parse(args);
        var messages = size(options.getOrDefault("messages", "1M"));
        var seed = Long.parseLong(options.getOrDefault("seed", "42"));
        var days = Integer.parseInt(options.getOrDefault("days", "90"));
        var accounts = Integer.parseInt(options.getOrDefault("accounts", "20"));
        var now = Instant.parse(options.getOrDefault("now", Instant.now().toString()));
        if ("http".equals(options.get("via"))) {
            postEvents(options, messages, seed);
            return;
        }
        var store = open(options);
        try {
            new Migrator(store).migrate();
            var started = System.nanoTime();
            var written = new DemoGenerator(store).generate(new DemoGenerator.Plan(messages, seed, days, now,
                    DemoGenerator.Plan.benchTenants(accounts)));
            var seconds = (System.nanoTime() - started) / 1e9;
            new DemoGenerator(store).compact();
            System.out.printf("Generated %,d messages (%,d MT + replies) in %.1f s: %,.0f messages/s into %s%n",
                    written, messages, seconds, written / seconds, store.info().where());
        } finally {
            store.close();
        }
    }

    private static void postEvents(Map<String, String> options, long events, long seed) throws Exception {
        var url = java.net.URI.create(options.getOrDefault("url", "http://localhost:8080") + "/api/v1/events");
        var token = options.get("token");
        if (token == null) {
            throw new IllegalArgumentException("--via=http needs --token=rst_... (an ingestion token)");
        }
        var batch = size(options.getOrDefault("batch", "100k"));
        var subaccounts = List.of(options.getOrDefault("subaccounts", "acme-sales,acme-support,acme-marketing").split(","));
        var client = java.net.http.HttpClient.newHttpClient();
        var started = System.nanoTime();
        long sent = 0;
        for (int i = 0; sent < events; i++) {
            var lines = Math.min(batch, events - sent);
            var body = new java.io.ByteArrayOutputStream();
            var plan = new io.rastro.ingest.EventStreamGenerator.Plan(seed + i, "wamid.GEN-" + seed + "-" + i,
                    subaccounts, Instant.now().minus(java.time.Duration.ofDays(30)), java.time.Duration.ofMillis(10));
            io.rastro.ingest.EventStreamGenerator.write(plan, lines, body);
            var response = client.send(java.net.http.HttpRequest.newBuilder(url)
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Batch " + i + " refused with " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(500, response.body().length())));
            }
            sent += lines;
        }
        var seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Posted %,d events in %.1f s: %,.0f events/s to %s%n", sent, seconds, sent / seconds, url);
    }

    private static Store open(Map<String, String> options) {
        var url = options.get("clickhouse-url");
        if (url != null) {
            return new ServerStore(url, options.getOrDefault("clickhouse-user", "default"),
                    options.getOrDefault("clickhouse-password", ""), "default", Map.of(), 3600);
        }
        var library = Path.of(options.getOrDefault("chdb-library",
                System.getProperty("user.home") + "/.cache/rastro/chdb-26.7.3-stable.1/libchdb.so"));
        return new ChdbStore(library, Path.of(options.getOrDefault("data-dir", "data")), 2,
                List.of("--max_execution_time=0"), 60_000);
    }

    /** 200k, 10M, 1.5M or a plain number. */
    static long size(String text) {
        var t = text.strip().toUpperCase();
        var multiplier = t.endsWith("K") ? 1_000L : t.endsWith("M") ? 1_000_000L : t.endsWith("G") ? 1_000_000_000L : 1L;
        var number = multiplier == 1 ? t : t.substring(0, t.length() - 1);
        return Math.round(Double.parseDouble(number) * multiplier);
    }

    private static Map<String, String> parse(String[] args) {
        var out = new LinkedHashMap<String, String>();
        for (var arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Options look like --messages=10M; got " + arg);
            }
            out.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return out;
    }
}
