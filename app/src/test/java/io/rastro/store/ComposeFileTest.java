package io.rastro.store;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.FileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks docker-compose.yml without a Docker engine: it parses, pins its image and wires the app to the server. */
class ComposeFileTest {

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsAPinnedClickHouseAndPointsTheAppAtIt() throws Exception {
        var root = Path.of("..").toAbsolutePath().normalize();
        Map<String, Object> compose;
        try (var reader = new FileReader(root.resolve("docker-compose.yml").toFile())) {
            compose = new Yaml().load(reader);
        }
        var services = (Map<String, Map<String, Object>>) compose.get("services");
        var clickhouse = services.get("clickhouse");
        assertThat((String) clickhouse.get("image")).matches("clickhouse/clickhouse-server:\\d+\\.\\d+.*");
        var volumes = (List<String>) clickhouse.get("volumes");
        assertThat(volumes).anyMatch(v -> v.startsWith("clickhouse-data:"));
        for (var mount : volumes.stream().filter(v -> v.startsWith("./")).toList()) {
            assertThat(Files.isDirectory(root.resolve(mount.substring(2, mount.indexOf(':'))))).as(mount).isTrue();
        }
        var app = services.get("app");
        var env = (Map<String, Object>) app.get("environment");
        assertThat(env.get("RASTRO_CLICKHOUSE_URL")).isEqualTo("http://clickhouse:8123");
        assertThat(((List<String>) app.get("volumes")).getFirst()).startsWith("./app/target/rastro.jar:");
        assertThat(compose).containsKey("volumes");
    }
}
