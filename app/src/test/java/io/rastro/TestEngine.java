package io.rastro;

import io.rastro.store.Store;
import io.rastro.store.chdb.ChdbStore;

import java.nio.file.Path;
import java.util.List;

/**
 * The embedded engine for tests that need no Spring context. One process may use only one data directory, so
 * every test in this JVM shares the directory that the build passes as {@code rastro.data-dir}.
 */
public final class TestEngine {

    private static ChdbStore store;

    private TestEngine() {
    }

    public static synchronized Store store() {
        if (store == null) {
            store = open(List.of());
            new io.rastro.store.Migrator(store).migrate();
        }
        return store;
    }

    /** A second store on the same directory with other per-connection settings. */
    public static ChdbStore open(List<String> settings) {
        return new ChdbStore(library(), dataDir(), 4, settings, 30_000);
    }

    public static Path library() {
        return Path.of(System.getProperty("rastro.chdb.library",
                System.getProperty("user.home") + "/.cache/rastro/chdb-26.7.3-stable.1/libchdb.so"));
    }

    public static Path dataDir() {
        return Path.of(System.getProperty("rastro.data-dir", "target/chdb-test-data/default"));
    }
}
