package io.rastro.security;

import io.rastro.LruMap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who a credential belongs to, remembered for a few seconds. Every authenticated request needs its user or
 * token row; reading it from the engine cost a whole engine statement (5-10 ms on the embedded engine, most of
 * the HTTP + GraphQL floor the benchmark measured) on every request, for rows that change a few times a year.
 *
 * <p>Only found rows are kept, never misses, so a new user or token works at once. Changes Rastro makes itself
 * (a token revoked through the API) {@link #forget} their entry at once; a row edited by hand in the table counts
 * within {@code ttl}. Bounded: the least recently used entries go first.
 */
final class FreshnessCache<K, V> {

    private record Remembered<V>(V value, Instant until) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Map<K, Remembered<V>> entries;
    /** Bumped by every forget: a load that started before it must not put back what was just forgotten. */
    private long generation;

    FreshnessCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LruMap<>(maxEntries);
    }

    /** The remembered value while fresh, else {@code load}'s (remembered only when present). */
    Optional<V> get(K key, Function<K, Optional<V>> load) {
        if (ttl.isZero()) {
            return load.apply(key);
        }
        var now = clock.instant();
        long seen;
        synchronized (entries) {
            var hit = entries.get(key);
            if (hit != null && now.isBefore(hit.until())) {
                return Optional.of(hit.value());
            }
            seen = generation;
        }
        var loaded = load.apply(key);
        if (loaded.isPresent()) {
            synchronized (entries) {
                if (generation == seen) {
                    entries.put(key, new Remembered<>(loaded.get(), now.plus(ttl)));
                }
            }
        }
        return loaded;
    }

    void forget(K key) {
        synchronized (entries) {
            entries.remove(key);
            generation++;
        }
    }

    void clear() {
        synchronized (entries) {
            entries.clear();
            generation++;
        }
    }
}
