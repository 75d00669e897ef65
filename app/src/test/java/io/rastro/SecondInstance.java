package io.rastro;

import io.rastro.store.server.ChdbServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

/**
 * A second Rastro instance in this JVM, over the same test ClickHouse server as the {@link OnServerEngine}
 * context, with its own instance id and HTTP port and the same export directory: two instances behind one load
 * balancer. Started once per JVM by the first test that asks, closed when the JVM ends.
 */
public final class SecondInstance {

    public static final String ID = "instance-b";
    private static ConfigurableApplicationContext context;

    private SecondInstance() {
    }

    public static synchronized ConfigurableApplicationContext context(Path exportDir) {
        if (context == null) {
            context = new SpringApplicationBuilder(RastroApplication.class).profiles("test").run(
                    "--rastro.clickhouse.url=" + ChdbServer.shared().url(),
                    "--rastro.export.dir=" + exportDir.toAbsolutePath(),
                    "--rastro.instance.id=" + ID,
                    "--server.port=0");
            var started = context;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "second-instance-stop"));
        }
        return context;
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
