package io.rastro.store;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** /actuator/health "store": which engine, its version, where the data is, and whether it answers. */
@Component("storeHealthIndicator")
public class StoreHealthIndicator implements HealthIndicator {

    private final Store store;

    public StoreHealthIndicator(Store store) {
        this.store = store;
    }

    @Override
    public Health health() {
        var info = store.info();
        var builder = Health.up();
        try {
            store.query(Sql.of("SELECT 1 AS ok"), row -> row.getInteger("ok"));
        } catch (RuntimeException e) {
            builder = Health.down().withDetail("error", "the engine did not answer");
        }
        return builder.withDetail("engine", info.kind()).withDetail("version", info.version())
                .withDetail("dataDir", info.where()).build();
    }
}
