package io.rastro.store.chdb;

import io.rastro.TestEngine;
import io.rastro.store.Sql;
import io.rastro.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded engine's contract, one test per verified chDB pitfall (docs/chdb-pitfalls.md), on the real library. */
class ChdbStoreTest {

    @Test
    void bindsParametersAsDataNeverAsSql() {
        var store = TestEngine.store();
        var nasty = "x'); DROP TABLE rastro.messages; --\t\\ \n \"quoted\" ünïcødé";
        var rows = store.query(Sql.of("SELECT {s:String} AS s, {n:UInt64} AS n, {a:Array(String)} AS a, "
                        + "{t:DateTime64(3, 'UTC')} AS t")
                .bind("s", nasty).bind("n", 42).bind("a", List.of("o'brien", "back\\slash"))
                .bind("t", Instant.parse("2026-01-02T03:04:05.678Z")), row -> List.of(row.getString("s"),
                row.getLong("n"), row.getList("a"), row.getInstant("t")));
        assertThat(rows).containsExactly(List.of(nasty, 42L, List.of("o'brien", "back\\slash"),
                Instant.parse("2026-01-02T03:04:05.678Z")));
        assertThat(store.query(Sql.of("EXISTS TABLE rastro.messages"), r -> r.getInteger(1))).containsExactly(1);
    }

    @Test
    void streamsMillionsOfRowsAcrossChunksWithRepeatedHeadersStripped() {
        var store = TestEngine.store();
        var count = new AtomicLong();
        var sum = new AtomicLong();
        var read = store.stream(Sql.of("SELECT number AS n, toString(number) AS s FROM numbers({rows:UInt64})")
                .bind("rows", 2_000_000), row -> {
            var n = row.getLong("n");
            // a mis-stripped header shifts every later value: the text would no longer match the number
            if (!row.getString("s").equals(Long.toString(n))) {
                throw new AssertionError("row " + count.get() + " decoded as " + n + "/" + row.getString("s"));
            }
            count.incrementAndGet();
            sum.addAndGet(n);
        });
        assertThat(read).isEqualTo(2_000_000);
        assertThat(count.get()).isEqualTo(2_000_000);
        assertThat(sum.get()).isEqualTo(1_999_999L * 2_000_000L / 2);
    }

    @Test
    void anErrorInMidStreamIsAnErrorNotAShortResult() {
        var store = TestEngine.store();
        var seen = new AtomicLong();
        assertThatThrownBy(() -> store.stream(Sql.of(
                        "SELECT number, throwIf(number = 1500000, 'boom in mid-stream') AS t FROM numbers(3000000) "
                                + "SETTINGS max_block_size = 65536"), row -> seen.incrementAndGet()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("boom in mid-stream");
        assertThat(seen.get()).isLessThan(3_000_000);
        // the connection is usable afterwards
        assertThat(store.query(Sql.of("SELECT 7 AS x"), r -> r.getInteger("x"))).containsExactly(7);
    }

    /**
     * With one connection, every statement after a failure runs where the failure happened: a failure in mid-run
     * must leave nothing behind that the next result would carry.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"read whole", "streamed rows", "streamed CSV", "insert"})
    void aStatementThatFailsWhileRunningLeavesNothingForTheNext(String path) {
        try (var store = new ChdbStore(TestEngine.library(), TestEngine.dataDir(), 1, List.of(), 30_000)) {
            var failing = Sql.of("SELECT number, throwIf(number = 50000, 'boom while running') AS t "
                    + "FROM numbers(100000) SETTINGS max_block_size = 1000");
            assertThatThrownBy(() -> {
                switch (path) {
                    case "read whole" -> store.read(failing, row -> { });
                    case "streamed rows" -> store.stream(failing, row -> { });
                    case "streamed CSV" -> store.streamFormatted(failing, "CSV", OutputStream.nullOutputStream());
                    default -> {
                        store.execute(Sql.of("CREATE TABLE IF NOT EXISTS default.insert_bad (id UInt64) "
                                + "ENGINE = MergeTree ORDER BY id"));
                        store.insert("INSERT INTO default.insert_bad (id)", "JSONEachRow", new ByteArrayInputStream(
                                "{\"id\": 1}\n{\"id\": \"not a number\"}\n".getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }).isInstanceOf(StoreException.class);
            for (int i = 0; i < 3; i++) {
                var numbers = store.query(Sql.of("SELECT number FROM numbers(100000) SETTINGS max_block_size = 1000"),
                        row -> row.getLong(1));
                assertThat(numbers).hasSize(100_000);
                assertThat(numbers.getFirst()).isZero();
                assertThat(numbers.getLast()).isEqualTo(99_999L);
            }
        }
    }

    @Test
    void streamInsertKeepsEveryRow() {
        var store = TestEngine.store();
        store.execute(Sql.of("CREATE TABLE IF NOT EXISTS default.insert_probe (id UInt64, s String) "
                + "ENGINE = MergeTree ORDER BY id"));
        store.execute(Sql.of("TRUNCATE TABLE default.insert_probe"));
        var json = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            json.append("{\"id\":").append(i).append(",\"s\":\"row ").append(i).append("\"}\n");
        }
        var written = store.insert("INSERT INTO default.insert_probe (id, s)", "JSONEachRow",
                new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(written).isEqualTo(100_000);
        assertThat(store.query(Sql.of("SELECT count() AS c, uniqExact(id) AS u FROM default.insert_probe"),
                r -> List.of(r.getLong("c"), r.getLong("u")))).containsExactly(List.of(100_000L, 100_000L));
    }

    @Test
    void aBadInsertFailsAndLeavesTheConnectionUsable() {
        var store = TestEngine.store();
        store.execute(Sql.of("CREATE TABLE IF NOT EXISTS default.insert_bad (id UInt64) ENGINE = MergeTree ORDER BY id"));
        assertThatThrownBy(() -> store.insert("INSERT INTO default.insert_bad (id)", "JSONEachRow",
                new ByteArrayInputStream("{\"id\": \"not a number\"}\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(StoreException.class);
        assertThat(store.query(Sql.of("SELECT 1 AS x"), r -> r.getInteger("x"))).containsExactly(1);
    }

    @Test
    void concurrentCallersEachGetTheirOwnResults() throws Exception {
        var store = TestEngine.store();
        try (var pool = Executors.newFixedThreadPool(8)) {
            var tasks = new ArrayList<Callable<Boolean>>();
            for (int t = 0; t < 8; t++) {
                var id = t;
                tasks.add(() -> {
                    for (int i = 0; i < 50; i++) {
                        var expected = id * 1000L + i;
                        var got = store.query(Sql.of("SELECT {v:UInt64} AS v, sum(number) AS s FROM numbers(20000)")
                                .bind("v", expected), r -> r.getLong("v"));
                        if (got.size() != 1 || got.getFirst() != expected) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (var f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isTrue();
            }
        }
    }

    @Test
    void theJvmsOwnSignalsStillWorkWithTheEngineLoaded() {
        TestEngine.store();
        // Implicit null checks and stack banging use SIGSEGV inside the JVM; with chDB's handlers installed these
        // hung the process. Reaching the assertions at all is the test.
        var npes = 0;
        for (int i = 0; i < 200_000; i++) {
            try {
                Object o = (i % 2 == 0) ? null : "x";
                o.hashCode();
            } catch (NullPointerException e) {
                npes++;
            }
        }
        assertThat(npes).isEqualTo(100_000);
        assertThatThrownBy(ChdbStoreTest::recurse).isInstanceOf(StackOverflowError.class);
    }

    private static int recurse() {
        return recurse() + 1;
    }

    @Test
    void engineSettingsBoundMemoryWhateverTheHeap() {
        try (var small = TestEngine.open(List.of("--max_memory_usage=20000000"))) {
            assertThatThrownBy(() -> small.query(Sql.of(
                    "SELECT number % 5000000 AS k, groupArray(number) FROM numbers(20000000) GROUP BY k"
                            + " SETTINGS max_bytes_before_external_group_by = 0"), r -> 1))
                    .isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(((StoreException) e).isLimitExceeded()).isTrue());
        }
    }

    @Test
    void executionTimeIsBoundedPerStatement() {
        var store = TestEngine.store();
        assertThatThrownBy(() -> store.query(Sql.of("SELECT count() FROM numbers(100000000000) WHERE sleepEachRow(0) = 0")
                .setting("max_execution_time", 1).setting("timeout_overflow_mode", "'throw'"), r -> 1))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).isLimitExceeded()).isTrue());
    }

    @Test
    void engineWritesNativeFormatsStraightThrough() {
        var out = new ByteArrayOutputStream();
        TestEngine.store().streamFormatted(Sql.of("SELECT number FROM numbers(3)"), "CSV", out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("0\n1\n2\n");
    }

    @Test
    void aStreamedCsvJoinsBackIntoExactlyTheWholeResult() throws Exception {
        var rows = 1_000_000;
        var sql = Sql.of("SELECT number, concat('row \"', toString(number), '\"') AS s FROM numbers({rows:UInt64}) "
                + "SETTINGS max_block_size = 10000").bind("rows", rows);
        var streamed = MessageDigest.getInstance("SHA-256");
        var written = TestEngine.store().streamFormatted(sql, "CSV",
                new DigestOutputStream(OutputStream.nullOutputStream(), streamed));
        // the same text, written here: a lost, repeated or reordered chunk changes the digest
        var expected = MessageDigest.getInstance("SHA-256");
        long length = 0;
        for (long n = 0; n < rows; n++) {
            var line = (n + ",\"row \"\"" + n + "\"\"\"\n").getBytes(StandardCharsets.UTF_8);
            expected.update(line);
            length += line.length;
        }
        assertThat(written).isEqualTo(length);
        assertThat(streamed.digest()).isEqualTo(expected.digest());
    }

    @Test
    void anErrorInMidStreamOfAFormattedResultIsAnError() {
        var store = TestEngine.store();
        var out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> store.streamFormatted(Sql.of(
                        "SELECT number, throwIf(number = 500000, 'boom in mid-stream') AS t FROM numbers(1000000) "
                                + "SETTINGS max_block_size = 10000"), "CSV", out))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("boom in mid-stream");
        assertThat(store.query(Sql.of("SELECT 7 AS x"), r -> r.getInteger("x"))).containsExactly(7);
    }

    @Test
    void aCallerThatStopsWritingStopsTheStatement() {
        var store = TestEngine.store();
        var started = System.nanoTime();
        // a statement that would run for minutes; the caller gives up after its first bytes
        assertThatThrownBy(() -> store.streamFormatted(Sql.of("SELECT number, sleepEachRow(0.001) FROM numbers(1000000) "
                + "SETTINGS max_block_size = 100, function_sleep_max_microseconds_per_block = 1000000"), "CSV",
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        throw new IllegalStateException("the caller stopped");
                    }
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the caller stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        // every connection is free again and works
        for (int i = 0; i < 4; i++) {
            assertThat(store.query(Sql.of("SELECT 7 AS x"), r -> r.getInteger("x"))).containsExactly(7);
        }
    }
}
