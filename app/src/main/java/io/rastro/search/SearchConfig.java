package io.rastro.search;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The clock relative periods are resolved against. A bean (not {@code Instant.now()}) so the resolution can be
 * tested at fixed instants; it is the only {@link Clock} bean in the application, so others may inject it too.
 */
@Configuration(proxyBeanMethods = false)
public class SearchConfig {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
