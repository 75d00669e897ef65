package io.rastro.graphql;

import io.rastro.web.LimitExceededException;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many report statements each caller may have running at once. A caller over the limit waits up to
 * {@code wait} for one of its own to finish, then gets TOO_MANY_REQUESTS: so one caller cannot take every engine
 * connection from the others (six requests of ~99 statements from one token made a concurrent message(id) take
 * 11.3 s instead of 22 ms). One semaphore per caller name; callers are the account's users and tokens, a bounded
 * set, so the map is not pruned.
 */
public final class CallerPermits {

    private final int perCaller;
    private final Duration wait;
    private final ConcurrentHashMap<String, Semaphore> permits = new ConcurrentHashMap<>();

    public CallerPermits(int perCaller, Duration wait) {
        if (perCaller < 1) {
            throw new IllegalArgumentException("rastro.report.max-concurrent-per-caller must be at least 1");
        }
        this.perCaller = perCaller;
        this.wait = wait;
    }

    /** Takes one of the caller's permits, waiting up to the configured time; give it back with {@link #release}. */
    public void acquire(String caller, String field) {
        var semaphore = permits.computeIfAbsent(caller, k -> new Semaphore(perCaller));
        try {
            if (semaphore.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new LimitExceededException(field, "You already have " + perCaller + " report statements running, "
                + "the most one caller may run at once. Retry when they have finished.");
    }

    public void release(String caller) {
        var semaphore = permits.get(caller);
        if (semaphore != null) {
            semaphore.release();
        }
    }

    /** Permits the caller has free now (all of them for a caller never seen). */
    public int available(String caller) {
        var semaphore = permits.get(caller);
        return semaphore == null ? perCaller : semaphore.availablePermits();
    }
}
