package io.rastro.admission;

import io.rastro.web.LimitExceededException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Slots for report statements, in two lanes. A statement enters its lane before it runs and leaves when it is
 * done. The rules, all here:
 * <ul>
 *   <li><b>Lanes.</b> {@link Lane#SHORT} and {@link Lane#LONG} have slots of their own. The long lane has fewer
 *       than the engine has connections, so however many counts are queued, pages still find a connection and
 *       never wait behind them.</li>
 *   <li><b>Fair shares.</b> A tenant holds at most all but one of a lane's slots (all of a one-slot lane), so a
 *       slot is left for any other tenant while one bursts. A freed slot goes to the waiting tenant holding the
 *       fewest slots of the lane; among equals, to the one served longest ago (round robin); within a tenant, to
 *       its oldest waiter.</li>
 *   <li><b>Bounded waits.</b> A statement that found no slot within {@code wait} is refused with
 *       TOO_MANY_REQUESTS and nothing ran.</li>
 * </ul>
 * One lock guards both lanes: each decision is a few map operations, far shorter than any statement.
 */
public final class Admission {

    /** The lanes; which field goes in which is decided by the caller ({@code io.rastro.graphql.StatementBudget}). */
    public enum Lane {
        /** Pages and lookups: a person is waiting for them. */
        SHORT,
        /** Counts, funnels and analyses over whole periods. */
        LONG
    }

    /** A slot taken: give it back with {@link #close()}, once. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Lane, LaneState> lanes = new EnumMap<>(Lane.class);
    private final Duration wait;

    public Admission(int shortSlots, int longSlots, Duration wait) {
        if (shortSlots < 1 || longSlots < 1) {
            throw new IllegalArgumentException("rastro.report.short-lane-slots and long-lane-slots must be at least 1");
        }
        lanes.put(Lane.SHORT, new LaneState(Lane.SHORT, shortSlots));
        lanes.put(Lane.LONG, new LaneState(Lane.LONG, longSlots));
        this.wait = wait;
    }

    /**
     * Takes a slot of {@code lane} for {@code tenant}, waiting up to the configured time.
     *
     * @param field the GraphQL path the refusal names
     */
    public Slot enter(Lane lane, String tenant, String field) {
        var state = lanes.get(lane);
        lock.lock();
        try {
            var waiter = new Waiter(tenant, lock.newCondition());
            state.queue(waiter);
            state.dispatch();
            var nanos = wait.toNanos();
            while (!waiter.admitted) {
                if (nanos <= 0) {
                    state.dequeue(waiter);
                    throw refused(state, field);
                }
                try {
                    nanos = waiter.turn.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    if (waiter.admitted) {
                        state.leave(tenant); // admitted as it was interrupted: the slot goes to the next
                    } else {
                        state.dequeue(waiter);
                    }
                    Thread.currentThread().interrupt();
                    throw new LimitExceededException(field, "The request was cancelled while it waited for a "
                            + state.lane.name().toLowerCase() + " report slot.");
                }
            }
            return new Held(state, tenant);
        } finally {
            lock.unlock();
        }
    }

    /** Slots of {@code lane} in use now. */
    public int running(Lane lane) {
        return read(lane, false);
    }

    /** Statements waiting for a slot of {@code lane} now. */
    public int waiting(Lane lane) {
        return read(lane, true);
    }

    private int read(Lane lane, boolean waiters) {
        lock.lock();
        try {
            var state = lanes.get(lane);
            return waiters ? state.waiting : state.running;
        } finally {
            lock.unlock();
        }
    }

    private LimitExceededException refused(LaneState state, String field) {
        return new LimitExceededException(field, "The service is busy: every " + state.lane.name().toLowerCase()
                + " report slot stayed taken for " + wait.toMillis() + " ms. Retry in a moment.");
    }

    private static final class Waiter {
        final String tenant;
        final Condition turn;
        boolean admitted;

        Waiter(String tenant, Condition turn) {
            this.tenant = tenant;
            this.turn = turn;
        }
    }

    /** One lane; every method runs under the lock. */
    private static final class LaneState {
        final Lane lane;
        final int slots;
        /** The most slots of this lane one tenant holds. */
        final int perTenant;
        int running;
        int waiting;
        final Map<String, Integer> held = new HashMap<>();
        /** Waiting tenants in round-robin order, each with its waiters oldest first. */
        final LinkedHashMap<String, ArrayDeque<Waiter>> queues = new LinkedHashMap<>();

        LaneState(Lane lane, int slots) {
            this.lane = lane;
            this.slots = slots;
            this.perTenant = slots > 1 ? slots - 1 : 1;
        }

        void queue(Waiter waiter) {
            queues.computeIfAbsent(waiter.tenant, t -> new ArrayDeque<>()).addLast(waiter);
            waiting++;
        }

        void dequeue(Waiter waiter) {
            var queue = queues.get(waiter.tenant);
            if (queue != null && queue.remove(waiter)) {
                waiting--;
                if (queue.isEmpty()) {
                    queues.remove(waiter.tenant);
                }
            }
        }

        /** Admits waiters while a slot is free and some waiting tenant is under its share. */
        void dispatch() {
            while (running < slots) {
                String next = null;
                var fewest = Integer.MAX_VALUE;
                for (var tenant : queues.keySet()) {
                    var holds = held.getOrDefault(tenant, 0);
                    if (holds < perTenant && holds < fewest) {
                        next = tenant;
                        fewest = holds;
                    }
                }
                if (next == null) {
                    return;
                }
                var queue = queues.remove(next);
                var waiter = queue.removeFirst();
                if (!queue.isEmpty()) {
                    queues.put(next, queue); // to the end of the round
                }
                waiting--;
                running++;
                held.merge(next, 1, Integer::sum);
                waiter.admitted = true;
                waiter.turn.signal();
            }
        }

        void leave(String tenant) {
            running--;
            if (held.merge(tenant, -1, Integer::sum) == 0) {
                held.remove(tenant);
            }
            dispatch();
        }
    }

    private final class Held implements Slot {
        private final LaneState state;
        private final String tenant;
        private boolean closed;

        Held(LaneState state, String tenant) {
            this.state = state;
            this.tenant = tenant;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    state.leave(tenant);
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
