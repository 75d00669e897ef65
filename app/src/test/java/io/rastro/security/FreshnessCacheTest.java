package io.rastro.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessCacheTest {

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicReference<String> row = new AtomicReference<>("v1");

    private Optional<String> load(String key) {
        loads.incrementAndGet();
        return Optional.ofNullable(row.get());
    }

    @Test
    void aFoundRowIsReadOnceWithinTheTtlAndAgainAfterIt() {
        var cache = new FreshnessCache<String, String>(Duration.ofSeconds(5), 10, clock);
        assertThat(cache.get("ana", this::load)).contains("v1");
        row.set("v2");
        clock.advance(Duration.ofSeconds(4));
        assertThat(cache.get("ana", this::load)).contains("v1");
        assertThat(loads).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("ana", this::load)).contains("v2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void missesAreNeverRemembered() {
        var cache = new FreshnessCache<String, String>(Duration.ofSeconds(5), 10, clock);
        row.set(null);
        assertThat(cache.get("new", this::load)).isEmpty();
        row.set("created");
        assertThat(cache.get("new", this::load)).contains("created");
    }

    @Test
    void forgetMakesTheNextReadGoToTheStore() {
        var cache = new FreshnessCache<String, String>(Duration.ofSeconds(5), 10, clock);
        cache.get("token", this::load);
        row.set("revoked");
        cache.forget("token");
        assertThat(cache.get("token", this::load)).contains("revoked");
    }

    @Test
    void aLoadOverlappingAForgetDoesNotPutTheOldRowBack() {
        var cache = new FreshnessCache<String, String>(Duration.ofSeconds(5), 10, clock);
        // the load reads the old row, then a revocation forgets the key before the load finishes
        assertThat(cache.get("token", key -> {
            cache.forget(key);
            return Optional.of("old");
        })).contains("old");
        row.set("revoked");
        assertThat(cache.get("token", this::load)).contains("revoked");
    }

    @Test
    void zeroTtlReadsEveryTime() {
        var cache = new FreshnessCache<String, String>(Duration.ZERO, 10, clock);
        cache.get("ana", this::load);
        cache.get("ana", this::load);
        assertThat(loads).hasValue(2);
    }

    @Test
    void theLeastRecentlyUsedGoFirst() {
        var cache = new FreshnessCache<String, String>(Duration.ofSeconds(5), 2, clock);
        cache.get("a", this::load);
        cache.get("b", this::load);
        cache.get("a", this::load);
        cache.get("c", this::load);
        assertThat(loads).hasValue(3);
        cache.get("a", this::load);
        assertThat(loads).hasValue(3);
        cache.get("b", this::load);
        assertThat(loads).hasValue(4);
    }
}
