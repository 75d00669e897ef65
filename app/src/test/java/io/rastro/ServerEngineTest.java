package io.rastro;

import io.rastro.demo.DemoIdentities;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import io.rastro.store.server.ChdbServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server-engine context really is on the test ClickHouse server: the store is client-v2 over HTTP, the schema
 * was migrated there and the demo data generated there, apart from the embedded engine's.
 */
@IntegrationTest
@OnServerEngine
class ServerEngineTest {

    @LocalServerPort
    int port;
    @Autowired
    Store store;

    @Test
    void theStoreIsTheServerAndHealthSaysSo() {
        assertThat(store.info().kind()).isEqualTo("server");
        assertThat(store.info().where()).isEqualTo(ChdbServer.shared().url());
        var detailed = Clients.http(port, Clients.basic(DemoIdentities.ANA)).get().uri("/actuator/health")
                .retrieve().body(String.class);
        assertThat(detailed).contains("\"engine\":\"server\"").contains("ClickHouse 26.7");
    }

    @Test
    void migrationsAndDemoDataAreOnTheServer() {
        var versions = store.query(Sql.of("SELECT version FROM rastro.schema_migrations FINAL ORDER BY version"),
                r -> r.getLong("version"));
        assertThat(versions).startsWith(1L, 2L, 3L, 4L, 5L);
        var acme = store.queryOne(Sql.of("SELECT count() AS c FROM rastro.messages WHERE account_id = 'acme'"),
                r -> r.getLong("c")).orElseThrow();
        assertThat(acme).isPositive();
        assertThat(ChdbServer.shared().dataDir().resolve("store")).isDirectory();
    }
}
