package io.rastro.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.HashSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap that was still in use right after a garbage collection: what a piece of work really holds. The
 * pools' peak usage ({@link BenchContext#peakHeapBytes()}) also counts garbage not yet collected, so with a large
 * {@code -Xmx} it grows with allocation, not with what is kept; "memory stays flat" is judged on this figure.
 */
final class LiveHeap {

    private static final AtomicLong MAX = new AtomicLong();
    private static volatile boolean installed;

    private LiveHeap() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        var heapPools = new HashSet<String>();
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long live = 0;
                    for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(e.getKey())) {
                            live += e.getValue().getUsed();
                        }
                    }
                    MAX.accumulateAndGet(live, Math::max);
                }, null, null);
            }
        }
        installed = true;
    }

    static void reset() {
        install();
        MAX.set(0);
    }

    /** The largest live heap after a collection since {@link #reset()}; 0 when no collection ran. */
    static long max() {
        return MAX.get();
    }
}
