package io.rastro.demo;

import io.rastro.RastroProperties;
import io.rastro.security.ApiTokens;
import io.rastro.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On start with {@code rastro.demo.enabled} (the demo profile): the demo identities, and generated traffic if the
 * store holds no messages yet. A second start finds both and changes nothing.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "rastro.demo.enabled", havingValue = "true")
public class DemoDataRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataRunner.class);

    private final Store store;
    private final ApiTokens tokens;
    private final RastroProperties.Demo demo;

    public DemoDataRunner(Store store, ApiTokens tokens, RastroProperties properties) {
        this.store = store;
        this.tokens = tokens;
        this.demo = properties.demo();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (DemoIdentities.seedIfMissing(store, tokens)) {
            log.info("Demo identities written: {} and {} (password '{}')", DemoIdentities.ANA, DemoIdentities.BRUNO,
                    DemoIdentities.PASSWORD);
        }
        var generator = new DemoGenerator(store);
        if (generator.isEmpty()) {
            var started = System.nanoTime();
            var written = generator.generate(new DemoGenerator.Plan(demo.messages(), demo.seed(), demo.days(),
                    java.time.Instant.now(), DemoGenerator.Plan.demoTenants()));
            generator.compact();
            log.info("Demo data: {} messages generated in {} ms", written, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
