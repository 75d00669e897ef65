package io.rastro;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most {@code maxEntries}, forgetting the least recently used first, so that a spray of new
 * keys cannot grow the heap. Not thread-safe, like {@link LinkedHashMap}; callers synchronise on it.
 *
 * <p>The caches with a lifetime use Caffeine instead ({@link Caches}). This map stays where the order of eviction
 * is the rule: parsed GraphQL documents go least recently used first
 * ({@code ParsedDocumentCacheTest.theCacheIsBounded}), which Caffeine's admission policy does not do (in a cache
 * of 2 fed five one-off documents it kept the first and the last, this map the last two); and the sign-in
 * throttle's counters, each a read-modify-write under one lock.
 */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {

    private final int maxEntries;

    public LruMap(int maxEntries) {
        super(64, 0.75f, true);
        this.maxEntries = maxEntries;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
    }
}
