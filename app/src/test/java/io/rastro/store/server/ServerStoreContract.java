package io.rastro.store.server;

import io.rastro.store.Migrator;
import io.rastro.store.Sql;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server engine on a real ClickHouse server: the same migrations, parameters and reader as the embedded one.
 * One body of tests, run against every server a subclass can reach.
 */
abstract class ServerStoreContract {

    /** A store on a server where this test may create {@code default.probe}. */
    abstract ServerStore open();

    @Test
    void runsTheSameSqlAsTheEmbeddedEngine() {
        try (var store = open()) {
            new Migrator(store).migrate();
            assertThat(new Migrator(store).migrate()).as("idempotent").isEmpty();
            var nasty = "x'); DROP TABLE rastro.messages; --\t\\";
            assertThat(store.query(Sql.of("SELECT {s:String} AS s, {a:Array(String)} AS a").bind("s", nasty)
                    .bind("a", List.of("o'brien")), r -> List.of(r.getString("s"), r.getList("a"))))
                    .containsExactly(List.of(nasty, List.of("o'brien")));
            store.execute(Sql.of("DROP TABLE IF EXISTS default.probe"));
            store.execute(Sql.of("CREATE TABLE default.probe (id UInt64, s String) ENGINE = MergeTree ORDER BY id"));
            var json = new StringBuilder();
            for (int i = 0; i < 10_000; i++) {
                json.append("{\"id\":").append(i).append(",\"s\":\"r").append(i).append("\"}\n");
            }
            assertThat(store.insert("INSERT INTO default.probe (id, s)", "JSONEachRow",
                    new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)))).isEqualTo(10_000);
            var sum = new long[1];
            assertThat(store.stream(Sql.of("SELECT id, s FROM default.probe ORDER BY id"),
                    r -> sum[0] += r.getLong("id"))).isEqualTo(10_000);
            assertThat(sum[0]).isEqualTo(10_000L * 9_999 / 2);
            assertThat(store.info().version()).matches("ClickHouse \\d+\\.\\d+.*");
        }
    }

    static Map<String, String> settings() {
        return Map.of("max_execution_time", "60");
    }
}
