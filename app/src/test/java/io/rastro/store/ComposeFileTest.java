package io.rastro.store;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.FileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the compose files without a Docker engine: they parse, pin their images and wire the app to the server;
 * the cluster's servers, macros and remote_servers agree with each other.
 */
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

    @Test
    @SuppressWarnings("unchecked")
    void theClusterComposeRunsTwoShardsOfTwoReplicasThreeKeepersAndAppsInClusterMode() throws Exception {
        var root = Path.of("..").toAbsolutePath().normalize();
        Map<String, Object> compose;
        try (var reader = new FileReader(root.resolve("docker-compose.cluster.yml").toFile())) {
            compose = new Yaml().load(reader);
        }
        var services = (Map<String, Map<String, Object>>) compose.get("services");
        var servers = services.keySet().stream().filter(n -> n.startsWith("ch-")).sorted().toList();
        assertThat(servers).containsExactly("ch-s1r1", "ch-s1r2", "ch-s2r1", "ch-s2r2");
        assertThat(services.keySet().stream().filter(n -> n.startsWith("keeper"))).hasSize(3);
        var cluster = parse(root.resolve("clickhouse/cluster/config.d/cluster.xml"));
        var shards = cluster.getElementsByTagName("shard");
        assertThat(shards.getLength()).isEqualTo(2);
        assertThat(cluster.getElementsByTagName("zookeeper").item(0).getChildNodes().getLength()).isPositive();
        for (var service : servers) {
            var spec = services.get(service);
            assertThat((String) spec.get("image")).matches("clickhouse/clickhouse-server:\\d+\\.\\d+.*");
            var volumes = (List<String>) spec.get("volumes");
            for (var mount : volumes.stream().filter(v -> v.startsWith("./")).toList()) {
                assertThat(Files.exists(root.resolve(mount.substring(2, mount.indexOf(':'))))).as(mount).isTrue();
            }
            var macros = parse(root.resolve("clickhouse/cluster/macros/" + service + ".xml"));
            var shard = Integer.parseInt(macros.getElementsByTagName("shard").item(0).getTextContent());
            assertThat(macros.getElementsByTagName("replica").item(0).getTextContent()).isEqualTo(service);
            // the server is listed in remote_servers under the shard its macros name
            var hosts = ((org.w3c.dom.Element) shards.item(shard - 1)).getElementsByTagName("host");
            var names = new java.util.ArrayList<String>();
            for (int i = 0; i < hosts.getLength(); i++) {
                names.add(hosts.item(i).getTextContent());
            }
            assertThat(names).as(service).contains(service);
        }
        var clusterName = cluster.getElementsByTagName("remote_servers").item(0).getChildNodes();
        String name = null;
        for (int i = 0; i < clusterName.getLength(); i++) {
            if (clusterName.item(i) instanceof org.w3c.dom.Element e) {
                name = e.getTagName();
            }
        }
        var apps = services.keySet().stream().filter(n -> n.startsWith("app")).toList();
        assertThat(apps).hasSize(2);
        var ids = new java.util.HashSet<Object>();
        for (var app : apps) {
            var env = (Map<String, Object>) services.get(app).get("environment");
            assertThat(env.get("RASTRO_CLICKHOUSE_CLUSTER")).isEqualTo(name);
            assertThat((String) env.get("RASTRO_CLICKHOUSE_URL")).matches("http://ch-s\\dr\\d:8123");
            assertThat(env.get("RASTRO_EXPORT_DIR")).isEqualTo("/exports");
            assertThat((List<String>) services.get(app).get("volumes")).contains("exports:/exports");
            ids.add(env.get("RASTRO_INSTANCE_ID"));
        }
        assertThat(ids).as("distinct instance ids").hasSize(2);
    }

    private static org.w3c.dom.Document parse(Path file) throws Exception {
        return javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
