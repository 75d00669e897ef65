package io.rastro.store.server;

import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link ServerStoreContract} on the pinned ClickHouse server image. Runs where a Docker engine is available and
 * is skipped cleanly where none is; {@link ServerStoreChdbServerTest} runs the same body everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class ServerStoreContainerTest extends ServerStoreContract {

    @Container
    static final ClickHouseContainer CLICKHOUSE = new ClickHouseContainer("clickhouse/clickhouse-server:25.8");

    @Override
    ServerStore open() {
        var url = "http://" + CLICKHOUSE.getHost() + ":" + CLICKHOUSE.getMappedPort(8123);
        return new ServerStore(url, CLICKHOUSE.getUsername(), CLICKHOUSE.getPassword(), "default", settings(), 60);
    }
}
