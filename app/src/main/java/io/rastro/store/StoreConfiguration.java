package io.rastro.store;

import io.rastro.RastroProperties;
import io.rastro.store.chdb.ChdbStore;
import io.rastro.store.server.ServerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * Chooses the engine: a ClickHouse server when {@code rastro.clickhouse.url} is set, the embedded chDB engine
 * otherwise. Either way the schema is migrated before any other bean can use the store; with
 * {@code rastro.clickhouse.cluster} set, in the cluster layout of {@link ClusterSchema}.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    @Bean(destroyMethod = "close")
    public Store store(RastroProperties properties) {
        var engine = properties.engine();
        Store store;
        if (properties.clickhouse().configured()) {
            var settings = new LinkedHashMap<String, String>();
            settings.put("max_memory_usage", String.valueOf(engine.maxMemoryUsage()));
            settings.put("max_execution_time", String.valueOf(engine.maxExecutionTime()));
            if (engine.maxThreads() > 0) {
                settings.put("max_threads", String.valueOf(engine.maxThreads()));
            }
            var c = properties.clickhouse();
            if (c.clustered()) {
                settings.putAll(ClusterSchema.settings());
            }
            store = new ServerStore(c.url(), c.user(), c.password(), "default", settings, c.timeout().toSeconds());
        } else {
            var args = new ArrayList<String>();
            args.add("--max_memory_usage=" + engine.maxMemoryUsage());
            args.add("--max_execution_time=" + engine.maxExecutionTime());
            if (engine.maxThreads() > 0) {
                args.add("--max_threads=" + engine.maxThreads());
            }
            var chdb = properties.chdb();
            store = new ChdbStore(chdb.library(), properties.dataDir(), chdb.poolSize(), args,
                    chdb.borrowTimeout().toMillis());
        }
        var info = store.info();
        log.info("Store: {} engine, {}, data at {}", info.kind(), info.version(), info.where());
        var c = properties.clickhouse();
        new Migrator(store, c.configured() && c.clustered() ? new ClusterSchema(c.cluster()) : null).migrate();
        return store;
    }
}
