package io.rastro.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap a piece of work keeps reachable, sampled: while it runs, a thread forces a full collection every
 * {@code interval} and reads what is left in use. {@link LiveHeap} reads the heap after the collections that happen
 * anyway, and with a large heap those are young collections that leave old garbage in place, so it overstates
 * (401 MiB for a Parquet export whose JVM side is a byte copy). The forced collections slow the work down, so it is
 * measured in a run of its own that is not timed.
 */
final class SampledLiveHeap {

    private SampledLiveHeap() {
    }

    static long peak(Callable<?> work, Duration interval) throws Exception {
        var memory = ManagementFactory.getMemoryMXBean();
        var max = new AtomicLong();
        var sampler = Thread.ofPlatform().name("bench-live-heap").daemon().start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(interval);
                    System.gc();
                    max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                }
            } catch (InterruptedException e) {
                // the work is done
            }
        });
        try {
            work.call();
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        return max.get();
    }
}
