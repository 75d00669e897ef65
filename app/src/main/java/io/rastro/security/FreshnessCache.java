package io.rastro.security;

import com.github.benmanes.caffeine.cache.Cache;
import io.rastro.Caches;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Who a credential belongs to, remembered for a few seconds. Every authenticated request needs its user or
 * token row; reading it from the engine cost a whole engine statement (5-10 ms on the embedded engine, most of
 * the HTTP + GraphQL floor the benchmark measured) on every request, for rows that change a few times a year.
 *
 * <p>Only found rows are kept, never misses, so a new user or token works at once. Changes Rastro makes itself
 * (a token revoked through the API) {@link #forget} their entry at once; a row edited by hand in the table counts
 * within {@code ttl}. Bounded by {@code maxEntries} ({@link Caches}).
 */
final class FreshnessCache<K, V> {

    private final Duration ttl;
    private final Cache<K, V> entries;
    /** Bumped by every forget: a load that started before it must not put back what was just forgotten. */
    private final AtomicLong generation = new AtomicLong();

    FreshnessCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.entries = Caches.expiring(ttl, maxEntries, clock);
    }

    /** The remembered value while fresh, else {@code load}'s (remembered only when present). */
    Optional<V> get(K key, Function<K, Optional<V>> load) {
        if (ttl.isZero()) {
            return load.apply(key);
        }
        var hit = entries.getIfPresent(key);
        if (hit != null) {
            return Optional.of(hit);
        }
        var seen = generation.get();
        var loaded = load.apply(key);
        // Not Cache.get(key, loader): a load may forget keys itself (it must not run inside the map's lock). The
        // check runs inside compute, and forget bumps the generation before it invalidates, so either the
        // check sees the bump or the invalidation removes what was put.
        loaded.ifPresent(value -> entries.asMap().compute(key, (k, old) -> generation.get() == seen ? value : old));
        return loaded;
    }

    void forget(K key) {
        generation.incrementAndGet();
        entries.invalidate(key);
    }
}
