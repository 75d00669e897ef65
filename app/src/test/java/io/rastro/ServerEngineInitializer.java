package io.rastro;

import io.rastro.store.server.ChdbServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test context at the shared test ClickHouse server: setting {@code rastro.clickhouse.url} is what
 * selects the server engine in production too. Export files get a directory of their own, apart from the
 * embedded context's.
 */
public final class ServerEngineInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "rastro.clickhouse.url=" + ChdbServer.shared().url(),
                "rastro.export.dir=target/test-exports-server").applyTo(context);
    }
}
