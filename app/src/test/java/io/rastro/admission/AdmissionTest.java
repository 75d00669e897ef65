package io.rastro.admission;

import io.rastro.admission.Admission.Lane;
import io.rastro.web.ApiException;
import io.rastro.web.LimitExceededException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The admission rules, with real threads waiting for real slots: lanes apart, a tenant's share bounded, freed
 * slots handed to the tenant holding fewest, bounded waits. No timing is asserted, only who got in and in which
 * order (each waiter is let in only once the previous one is seen waiting).
 */
class AdmissionTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Enters in the background; the future completes with the slot once admitted. */
    private CompletableFuture<Admission.Slot> enter(Admission admission, Lane lane, String tenant) {
        return CompletableFuture.supplyAsync(() -> admission.enter(lane, tenant, "Query.test"), threads);
    }

    private static void awaitWaiting(Admission admission, Lane lane, int n) {
        await().atMost(Duration.ofSeconds(5)).until(() -> admission.waiting(lane) == n);
    }

    @Test
    void aBurstOfLongStatementsNeverHoldsBackAPage() {
        var admission = new Admission(2, 1, Duration.ofSeconds(5));
        var count = admission.enter(Lane.LONG, "acme", "Query.messageCounts");
        var queued = enter(admission, Lane.LONG, "acme");
        awaitWaiting(admission, Lane.LONG, 1);
        // the long lane is full and has a queue; a page goes straight in
        var page = admission.enter(Lane.SHORT, "acme", "Query.messages");
        assertThat(admission.running(Lane.SHORT)).isEqualTo(1);
        assertThat(queued).isNotDone();
        page.close();
        count.close();
        queued.join().close();
        assertThat(admission.running(Lane.LONG)).isZero();
    }

    @Test
    void oneTenantsBurstLeavesASlotForAnother() {
        var admission = new Admission(3, 3, Duration.ofSeconds(5));
        var acme = new ArrayList<Admission.Slot>();
        acme.add(admission.enter(Lane.LONG, "acme", "a"));
        acme.add(admission.enter(Lane.LONG, "acme", "b"));
        // acme holds all but one slot: its third statement waits although a slot is free
        var third = enter(admission, Lane.LONG, "acme");
        awaitWaiting(admission, Lane.LONG, 1);
        assertThat(admission.running(Lane.LONG)).isEqualTo(2);
        // and globex finds that slot at once
        var globex = admission.enter(Lane.LONG, "globex", "c");
        assertThat(admission.running(Lane.LONG)).isEqualTo(3);
        acme.removeFirst().close();
        third.join().close();
        globex.close();
        acme.forEach(Admission.Slot::close);
        assertThat(admission.running(Lane.LONG)).isZero();
    }

    @Test
    void aFreedSlotGoesToTheWaitingTenantHoldingFewestThenRoundRobin() {
        var admission = new Admission(1, 1, Duration.ofSeconds(5));
        var order = new CopyOnWriteArrayList<String>();
        var first = admission.enter(Lane.SHORT, "acme", "q");
        // acme queues three, then globex and initech one each, in that order
        var waiters = new ArrayList<CompletableFuture<Void>>();
        var tenants = List.of("acme", "acme", "acme", "globex", "initech");
        for (int i = 0; i < tenants.size(); i++) {
            var tenant = tenants.get(i);
            waiters.add(enter(admission, Lane.SHORT, tenant).thenAccept(slot -> {
                order.add(tenant);
                slot.close();
            }));
            awaitWaiting(admission, Lane.SHORT, i + 1);
        }
        first.close();
        waiters.forEach(CompletableFuture::join);
        // one slot: the next goes round the tenants by who was served longest ago, not first come first served
        assertThat(order).containsExactly("acme", "globex", "initech", "acme", "acme");
    }

    @Test
    void aStatementThatFindsNoSlotInTimeIsRefusedAndLeavesTheQueue() {
        var admission = new Admission(1, 1, Duration.ofMillis(100));
        var held = admission.enter(Lane.LONG, "acme", "Query.funnel");
        assertThatThrownBy(() -> admission.enter(Lane.LONG, "globex", "Query.funnel"))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("every long report slot stayed taken for 100 ms")
                .satisfies(e -> {
                    assertThat(((ApiException) e).kind()).isEqualTo(ApiException.Kind.TOO_MANY_REQUESTS);
                    assertThat(((ApiException) e).field()).isEqualTo("Query.funnel");
                });
        assertThat(admission.waiting(Lane.LONG)).isZero();
        held.close();
        held.close(); // a second close gives nothing back twice
        assertThat(admission.running(Lane.LONG)).isZero();
        admission.enter(Lane.LONG, "globex", "Query.funnel").close();
    }

    @Test
    void slotsMustExist() {
        assertThatThrownBy(() -> new Admission(0, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyThreadsEndWithEverySlotBack() throws Exception {
        var admission = new Admission(2, 1, Duration.ofSeconds(30));
        var pool = Executors.newFixedThreadPool(12);
        try {
            var tasks = new ArrayList<CompletableFuture<Void>>();
            for (int i = 0; i < 600; i++) {
                var lane = i % 3 == 0 ? Lane.LONG : Lane.SHORT;
                var tenant = "t" + (i % 4);
                tasks.add(CompletableFuture.runAsync(() -> {
                    try (var slot = admission.enter(lane, tenant, "q")) {
                        assertThat(admission.running(lane)).isLessThanOrEqualTo(lane == Lane.LONG ? 1 : 2);
                    }
                }, pool));
            }
            CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(admission.running(Lane.SHORT)).isZero();
        assertThat(admission.running(Lane.LONG)).isZero();
        assertThat(admission.waiting(Lane.SHORT)).isZero();
    }
}
