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
        var store = open(options);
        try {
            new Migrator(store).migrate();
            var started = System.nanoTime();
            var written = new DemoGenerator(store).generate(new DemoGenerator.Plan(messages, seed, days, now,
                    DemoGenerator.Plan.benchTenants(accounts)));
            var seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("Generated %,d messages (%,d MT + replies) in %.1f s: %,.0f messages/s into %s%n",
                    written, messages, seconds, written / seconds, store.info().where());
        } finally {
            if (store instanceof AutoCloseable c) {
                c.close();
            }
        }
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
