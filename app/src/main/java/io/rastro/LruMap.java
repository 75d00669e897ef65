package io.rastro;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most {@code maxEntries}, forgetting the least recently used first: the bound every in-memory
 * cache here needs so that a spray of new keys (user names, tokens, documents) cannot grow the heap. Not
 * thread-safe, like {@link LinkedHashMap}; callers synchronise on it.
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
