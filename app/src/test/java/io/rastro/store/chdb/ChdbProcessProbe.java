package io.rastro.store.chdb;

import io.rastro.store.Sql;

import java.nio.file.Path;
import java.util.List;

/** A second JVM for the pitfalls that only show across processes or at process exit. */
public final class ChdbProcessProbe {

    public static void main(String[] args) throws Exception {
        var library = Path.of(args[1]);
        var dir = Path.of(args[2]);
        switch (args[0]) {
            case "open" -> {
                try (var store = new ChdbStore(library, dir, 1, List.of(), 5_000)) {
                    System.out.println("OPENED " + store.info().where());
                } catch (RuntimeException e) {
                    System.out.println("REFUSED " + e.getMessage());
                    System.exit(3);
                }
            }
            case "shutdown-under-load" -> {
                var store = new ChdbStore(library, dir, 2, List.of(), 5_000);
                var worker = Thread.ofPlatform().start(() -> {
                    try {
                        store.stream(Sql.of("SELECT count() FROM numbers(100000000000) WHERE sleepEachRow(0) = 0"),
                                r -> { });
                    } catch (RuntimeException e) {
                        System.out.println("QUERY ENDED " + e.getClass().getSimpleName());
                    }
                });
                Thread.sleep(1500);
                store.close();
                worker.join(30_000);
                System.out.println("CLOSED CLEANLY");
            }
            case "piped-stdin" -> {
                try (var store = new ChdbStore(library, dir, 1, List.of(), 5_000)) {
                    var applied = new io.rastro.store.Migrator(store).migrate();
                    var recorded = store.query(Sql.of("SELECT count() AS c FROM rastro.schema_migrations"),
                            r -> r.getLong("c")).getFirst();
                    System.out.println("MIGRATED " + applied.size() + " RECORDED " + recorded);
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
