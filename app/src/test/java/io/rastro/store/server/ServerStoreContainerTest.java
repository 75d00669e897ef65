package io.rastro.store.server;

import io.rastro.store.Migrator;
import io.rastro.store.Sql;
import org.junit.jupiter.api.Test;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server engine on a real ClickHouse server: the same migrations, parameters and reader as the embedded one.
 * Runs where a Docker engine is available and is skipped cleanly where none is.
 */
@Testcontainers(disabledWithoutDocker = true)
class ServerStoreContainerTest {

    @Container
    static final ClickHouseContainer CLICKHOUSE = new ClickHouseContainer("clickhouse/clickhouse-server:25.8");

    @Test
    void runsTheSameSqlAsTheEmbeddedEngine() {
        var url = "http://" + CLICKHOUSE.getHost() + ":" + CLICKHOUSE.getMappedPort(8123);
        try (var store = new ServerStore(url, CLICKHOUSE.getUsername(), CLICKHOUSE.getPassword(), "default",
                Map.of("max_execution_time", "60"), 60)) {
            new Migrator(store).migrate();
            new Migrator(store).migrate(); // idempotent
            var nasty = "x'); DROP TABLE rastro.messages; --\t\\";
            assertThat(store.query(Sql.of("SELECT {s:String} AS s, {a:Array(String)} AS a").bind("s", nasty)
                    .bind("a", List.of("o'brien")), r -> List.of(r.getString("s"), r.getList("a"))))
                    .containsExactly(List.of(nasty, List.of("o'brien")));
            store.execute(Sql.of("CREATE TABLE IF NOT EXISTS default.probe (id UInt64, s String) ENGINE = MergeTree ORDER BY id"));
            var json = new StringBuilder();
            for (int i = 0; i < 10_000; i++) {
                json.append("{\"id\":").append(i).append(",\"s\":\"r").append(i).append("\"}\n");
            }
            store.insert("INSERT INTO default.probe (id, s)", "JSONEachRow",
                    new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)));
            assertThat(store.stream(Sql.of("SELECT id, s FROM default.probe ORDER BY id"), r -> { }))
                    .isEqualTo(10_000);
            assertThat(store.info().version()).startsWith("ClickHouse");
        }
    }
}
