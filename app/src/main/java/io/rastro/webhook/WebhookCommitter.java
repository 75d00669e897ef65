package io.rastro.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.domain.Direction;
import io.rastro.freshness.Freshness;
import io.rastro.ingest.Event;
import io.rastro.ingest.IngestService;
import io.rastro.ingest.MessageRow;
import io.rastro.ingest.StatusRecompute;
import io.rastro.store.RowBinaryWriter;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToIntFunction;

/**
 * Group commit in two stages. Webhook requests hand their work to the storing thread and wait; it takes every request
 * waiting (up to {@code rastro.whatsapp.max-group-events} events), stores their bodies, and answers them: a 200 means
 * the body is stored. Stored means in the instance's journal ({@link WebhookJournal}, one append and force for the
 * group) where there is one, in the inbox ({@link WebhookInbox}, one insert for the group) where there is not. The
 * applying thread then takes every group stored meanwhile (up to {@code max-apply-events} events), stores the
 * journaled ones in the inbox in one insert (then the journal lets them go), and applies them together: one set of
 * inserts per account through {@link IngestService#storeEvents}, one recompute per account, the watermarks, and the
 * inbox's mark that they are applied.
 *
 * <p>Why two stages: Meta sends one small POST per change, thousands a second at peak, from a bounded number of
 * connections, so a request's wait bounds the throughput. The apply's statements cost tens of milliseconds each
 * whatever their size (an engine part per insert, a probe per id in the recompute); the inbox insert costs a few.
 * Answering after the apply made every request wait for all of them (260 POSTs/s at 64 clients on 2 cores, p99 0.7 s);
 * answering after the inbox insert lets the apply take far larger groups, each statement's cost shared by all. The
 * journal goes one step further: an append costs a force and next to no CPU, where an inbox insert per group cost the
 * engine about 2.5 ms of CPU and the group's requests the linger that made groups larger.
 *
 * <p>Nothing is lost between the stages: a group whose apply failed, or that an instance stored and never applied
 * (it stopped), is still in the inbox without its mark, and the applying thread of any instance applies it again,
 * at start (every such group, after what stopped instances left in the journal) and then every
 * {@code recovery-interval} (those stored {@code recovery-age} ago or more). A journaled group waits in the journal
 * until it is in the inbox, its insert tried again until it succeeds. Applying a group twice is harmless: its events
 * are idempotent. While a failed group waits, no watermark moves, so {@code dataAsOf} never claims what is not
 * applied. Requests wait (then 503) while {@code max-backlog-events} events are stored and not yet applied, or
 * {@code max-backlog-bytes} of journaled bodies wait for the inbox, which bounds the heap.
 */
@Component
class WebhookCommitter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookCommitter.class);
    /** Inbox groups one recovery statement takes back at a time. */
    private static final int RECOVERY_GROUPS = 50;
    /** The span of the inbox one recovery statement reads (with the marks of that span). */
    private static final Duration RECOVERY_WINDOW = Duration.ofHours(1);
    /** Failed recoveries after which a group is set aside. */
    private static final int MAX_ATTEMPTS = 3;
    /** The entry of {@code failed} that holds the watermarks until the recovery at start has run. */
    private static final String STARTED = "(started)";

    /** A change for a number nobody holds, kept for replay. */
    record Unrouted(String phoneNumberId, String hash, String wabaId, String field, String value) {
    }

    /** Something kept in {@code rastro.webhook_unhandled}. */
    record Unhandled(String accountId, String phoneNumberId, Mapped.Kept kept) {
    }

    /** A routed change's rows. */
    record Routed(Route route, Mapped mapped) {
    }

    /**
     * One request's share of a group, and how it ends: {@code stored} once its body is in the inbox (the answer),
     * {@code applied} once its rows are. {@code body} is null for work kept elsewhere already (a replay of unrouted
     * changes, a body taken back from the inbox), which the inbox does not store again; {@code routes} are the
     * routes its numbers had when it was read, which the inbox keeps beside it.
     */
    record Work(byte[] body, Map<String, Route> routes, List<Routed> routed, List<Unrouted> unrouted,
                List<Unhandled> unhandled, CompletableFuture<Void> stored, CompletableFuture<Void> applied) {

        Work(byte[] body, Map<String, Route> routes, List<Routed> routed, List<Unrouted> unrouted,
             List<Unhandled> unhandled) {
            this(body, routes, routed, unrouted, unhandled, new CompletableFuture<>(), new CompletableFuture<>());
        }

        /** Work kept elsewhere already: a replay of unrouted changes. */
        Work(List<Routed> routed, List<Unhandled> unhandled) {
            this(null, Map.of(), routed, List.of(), unhandled);
        }

        int events() {
            var n = unrouted.size() + unhandled.size();
            for (var r : routed) {
                n += r.mapped().statuses().size() + r.mapped().received().size();
            }
            return Math.max(1, n);
        }

        /** The same work without its body, once the inbox holds it: the backlog then holds only the rows. */
        Work withoutBody() {
            return body == null ? this : new Work(null, routes, routed, unrouted, unhandled, stored, applied);
        }

        void fail(Throwable e) {
            stored.completeExceptionally(e);
            applied.completeExceptionally(e);
        }
    }

    /** What is stored about a message a reply answers: its direction, and the campaign and user a reply takes. */
    private record Known(Direction direction, String campaignId, String campaignName, String userId) {
    }

    /**
     * A group waiting for its apply; {@code inbox} names the inbox groups to mark (none: not kept there),
     * {@code answered} whether its works were answered as stored (not those taken back from the inbox), and
     * {@code journaled} what the journal holds of it, for a group not yet in the inbox (its works keep their bodies
     * until then).
     */
    private record Stored(List<Work> group, List<WebhookInbox.Pending> inbox, Instant receivedAt, int events,
                          boolean answered, WebhookJournal.Appended journaled) {
    }

    /** An account's share of the groups applied together; {@code newestEvent} is null when nothing of it was stored. */
    private record Recompute(List<StatusRecompute.BatchMessage> mtMessages, List<String> statusOnlyIds,
                             Instant newestEvent) {
    }

    private final Store store;
    private final IngestService ingest;
    private final StatusRecompute recompute;
    private final Freshness freshness;
    private final WebhookInbox inbox;
    private final WebhookReader reader;
    /** Null: none; a group is answered once it is in the inbox. */
    private final WebhookJournal journal;
    private final WhatsAppProperties properties;
    private final int maxGroupEvents;
    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Stored> stored = new LinkedBlockingQueue<>();
    /** Events stored and not yet applied (or failed). */
    private final AtomicLong backlog = new AtomicLong();
    /** Bytes of journaled bodies the heap holds until their apply stores them in the inbox. */
    private final AtomicLong heldBytes = new AtomicLong();
    /** Works answered as stored, and works applied or failed since: for {@link #awaitApplied}. */
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    /**
     * Inbox groups whose apply failed, and when they were stored: while any waits, no watermark moves. Until the
     * recovery at start has applied every group stored before it, {@link #STARTED} holds them too: a group that this
     * instance stored before it stopped is applied by then.
     */
    private final Map<String, Instant> failed = new ConcurrentHashMap<>();
    /** Recoveries in which each inbox group failed, alone: past {@link #MAX_ATTEMPTS}, the group is set aside. */
    private final Map<String, Integer> attempts = new HashMap<>();
    /** A recovery asked for out of turn ({@link #recoverNow}), done by the applying thread at its next turn. */
    private final AtomicReference<CompletableFuture<Void>> recoveryAsked = new AtomicReference<>();
    private final MeterRegistry meters;
    /** Answered works a reader waits for ({@link #awaitApplied}): the apply does not gather until they are applied. */
    private final AtomicLong flushUntil = new AtomicLong();
    private volatile boolean running;
    private volatile boolean storing;
    private Thread storer;
    private Thread applier;

    WebhookCommitter(Store store, IngestService ingest, StatusRecompute recompute, Freshness freshness,
                     WebhookInbox inbox, WebhookReader reader, WebhookJournal.Holder journals,
                     WhatsAppProperties properties, MeterRegistry meters) {
        this.store = store;
        this.ingest = ingest;
        this.recompute = recompute;
        this.freshness = freshness;
        this.inbox = inbox;
        this.reader = reader;
        this.journal = journals.journal().orElse(null);
        this.properties = properties;
        this.maxGroupEvents = Math.max(1, properties.maxGroupEvents());
        this.meters = meters;
        meters.gauge("rastro.webhook.backlog.events", backlog);
        if (journal != null) {
            meters.gauge("rastro.webhook.journal.records", journal, WebhookJournal::unreleased);
        }
    }

    /** Queues work; its futures complete once the group it joined is stored, and once it is applied. */
    Work submit(Work work) {
        if (!running) {
            work.fail(new IllegalStateException("the webhook committer is stopped"));
            return work;
        }
        queue.add(work);
        return work;
    }

    /**
     * Waits until every work answered as stored before this call is applied (or failed), asking the applying thread
     * not to wait for more: what a caller that reads its own writes (a test) waits for. False when the time ran out.
     */
    boolean awaitApplied(Duration timeout) {
        var target = acknowledged.get();
        flushUntil.accumulateAndGet(target, Math::max); // the caller waits: no gathering for apply-interval
        var deadline = System.nanoTime() + timeout.toNanos();
        while (settled.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Runs the periodic recovery now, on the applying thread as always (groups stored {@code recovery-age} ago or
     * more and never applied); completes when it ran.
     */
    CompletableFuture<Void> recoverNow() {
        var done = new CompletableFuture<Void>();
        var earlier = recoveryAsked.getAndSet(done);
        if (earlier != null) {
            done.whenComplete((v, e) -> earlier.complete(null));
        }
        return done;
    }

    /** Stage one: groups the waiting requests, stores their bodies in the inbox and answers them. */
    private void storeLoop() {
        while (running || !queue.isEmpty()) {
            Work first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
                // the backlog bounds the heap: requests wait here (then 503) until the apply catches up
                while (first != null && (backlog.get() >= properties.maxBacklogEvents()
                        || heldBytes.get() >= properties.maxBacklogBytes().toBytes()) && applier.isAlive()) {
                    Thread.sleep(5);
                }
                if (first != null && !applier.isAlive()) {
                    // nothing would apply it, nor hold the backlog back: refuse (503) rather than pile up
                    first.fail(new IllegalStateException("the webhook apply thread has stopped"));
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (first == null) {
                continue;
            }
            // each inbox insert costs the engine about 2.5 ms of CPU whatever its size (a statement, a part, its
            // merges): waiting a few ms for more requests to join makes fewer, larger inserts; without it, the
            // inserts' CPU, not the requests', bounded the throughput (docs/webhooks.md, Throughput). A journal's
            // append costs a force (about 0.3 ms) and little CPU: the requests that come meanwhile make the next group
            if (journal == null && !properties.groupLinger().isZero() && queue.size() < maxGroupEvents) {
                LockSupport.parkNanos(properties.groupLinger().toNanos());
            }
            var group = take(queue, first, Work::events, maxGroupEvents);
            var events = group.stream().mapToInt(Work::events).sum();
            var started = System.nanoTime();
            var receivedAt = Instant.now();
            var bodies = group.stream().filter(w -> w.body() != null)
                    .map(w -> new WebhookInbox.Body(w.body(), w.routes())).toList();
            var marks = List.<WebhookInbox.Pending>of();
            WebhookJournal.Appended journaled = null;
            try {
                if (!bodies.isEmpty() && journal != null) {
                    journaled = journal.append(receivedAt, bodies);
                } else if (!bodies.isEmpty()) {
                    var id = UUID.randomUUID().toString();
                    inbox.store(id, receivedAt, bodies);
                    marks = List.of(new WebhookInbox.Pending(id, receivedAt, List.of()));
                }
            } catch (RuntimeException e) {
                log.error("Webhook group of {} request(s) not stored: {}", group.size(), e.toString());
                group.forEach(w -> w.fail(e));
                continue;
            }
            backlog.addAndGet(events);
            if (journaled != null) {
                heldBytes.addAndGet(journaled.bodyBytes());
            }
            acknowledged.addAndGet(group.size());
            // journaled, the bodies stay with the group until its apply stores them in the inbox (bounded:
            // max-backlog-events and max-backlog-bytes)
            stored.add(new Stored(journaled != null ? group : group.stream().map(Work::withoutBody).toList(), marks,
                    receivedAt, events, true, journaled));
            group.forEach(w -> w.stored().complete(null));
            meters.summary("rastro.webhook.group.requests").record(group.size());
            meters.timer("rastro.webhook.group.store").record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        storing = false;
    }

    /**
     * Stage two: applies every group stored so far, together, and answers those that wait for it; at start (until it
     * succeeds) and then every {@code recovery-interval}, applies what the inbox holds unapplied.
     */
    private void applyLoop() {
        var started = Instant.now();
        failed.put(STARTED, started);
        var first = true;
        var nextRecovery = System.nanoTime();
        var lastApply = 0L;
        while (storing || !stored.isEmpty()) {
            try {
                var asked = recoveryAsked.getAndSet(null);
                if (asked != null || System.nanoTime() >= nextRecovery) {
                    var now = Instant.now();
                    // at start, every group stored before it in the inbox's whole life, this instance's own from
                    // before it stopped among them (until then the STARTED hold keeps the watermarks where they are;
                    // a group another live instance was applying just then is applied twice, which is harmless);
                    // later, from the oldest group that waits, those stored recovery-age ago or more
                    var since = first ? now.minus(WebhookInbox.KEPT) : oldestWaiting(now.minus(lookback()));
                    var before = first ? started : now.minus(properties.recoveryAge());
                    if (recover(since, before)) {
                        first = false;
                    }
                    nextRecovery = System.nanoTime() + properties.recoveryInterval().toNanos();
                    if (asked != null) {
                        asked.complete(null);
                    }
                }
                // the apply's statements cost much the same for few events as for many: let a group gather for
                // apply-interval after the last apply started, unless the backlog already fills one or a reader
                // waits for what it wrote
                var wait = lastApply + properties.applyInterval().toNanos() - System.nanoTime();
                if (wait > 0 && running && backlog.get() < properties.maxApplyEvents()
                        && settled.get() >= flushUntil.get()) {
                    Thread.sleep(Math.min(200, wait / 1_000_000), (int) Math.min(999_999, wait % 1_000_000));
                    continue;
                }
                var next = stored.poll(200, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                lastApply = System.nanoTime();
                var groups = toInbox(take(stored, next, Stored::events, properties.maxApplyEvents()));
                if (groups != null) {
                    apply(groups);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable e) {
                // the loop must outlive anything one turn throws: what it did not apply stays in the inbox
                log.error("Webhook apply turn failed: {}", e.toString(), e);
            }
        }
    }

    /**
     * {@code first} and then what waits in {@code queue} behind it, in order, while their events stay within
     * {@code max} (the first is taken whatever its size): a group for one insert, or groups for one apply.
     */
    private static <T> List<T> take(LinkedBlockingQueue<T> queue, T first, ToIntFunction<T> events, int max) {
        var out = new ArrayList<T>();
        out.add(first);
        var total = events.applyAsInt(first);
        for (var next = queue.peek(); next != null && total + events.applyAsInt(next) <= max; next = queue.peek()) {
            out.add(queue.poll());
            total += events.applyAsInt(next);
        }
        return out;
    }

    /**
     * Stores the journaled groups among {@code groups} in the inbox, in one insert (as inbox groups of at most
     * {@code max-group-events} events, the size a recovery takes back), and lets the journal release them: from here
     * on any instance can apply them again. The insert is tried until it succeeds; null when the instance stops first
     * (then the journal keeps them, for the next journal opened on its root).
     */
    private List<Stored> toInbox(List<Stored> groups) throws InterruptedException {
        var journaled = groups.stream().filter(g -> g.journaled() != null).toList();
        if (journaled.isEmpty()) {
            return groups;
        }
        var chunks = new ArrayList<WebhookInbox.Pending>();
        var bodies = new ArrayList<WebhookInbox.Body>();
        var events = 0;
        var at = journaled.getFirst().receivedAt();
        for (var g : journaled) {
            for (var w : g.group()) {
                if (w.body() == null) {
                    continue;
                }
                if (!bodies.isEmpty() && events + w.events() > maxGroupEvents) {
                    chunks.add(new WebhookInbox.Pending(UUID.randomUUID().toString(), at, bodies));
                    bodies = new ArrayList<>();
                    events = 0;
                    at = g.receivedAt();
                }
                bodies.add(new WebhookInbox.Body(w.body(), w.routes()));
                events += w.events();
            }
        }
        if (!bodies.isEmpty()) {
            chunks.add(new WebhookInbox.Pending(UUID.randomUUID().toString(), at, bodies));
        }
        for (var wait = 100L; ; wait = Math.min(5_000, wait * 2)) {
            try {
                inbox.store(chunks);
                break;
            } catch (RuntimeException e) {
                // answered already, and safe in the journal: tried again (requests wait once the backlog is full)
                log.error("Journaled webhook groups ({}) not stored in the inbox, tried again in {} ms: {}",
                        journaled.size(), wait, e.toString());
                meters.counter("rastro.webhook.journal.inbox.failures").increment();
                if (!running) {
                    return null;
                }
                Thread.sleep(wait);
            }
        }
        for (var g : journaled) {
            heldBytes.addAndGet(-g.journaled().bodyBytes());
            try {
                journal.release(g.journaled());
            } catch (RuntimeException e) {
                // they are in the inbox now: a segment not deleted is stored there again by a later life (harmless)
                log.warn("Webhook journal: a segment in the inbox not released: {}", e.toString());
            }
        }
        var marks = chunks.stream().map(c -> new WebhookInbox.Pending(c.groupId(), c.receivedAt(), List.of())).toList();
        var out = new ArrayList<Stored>();
        for (var g : groups) {
            if (g.journaled() == null) {
                out.add(g);
            } else { // all the marks go with the first: the groups are applied together
                out.add(new Stored(g.group().stream().map(Work::withoutBody).toList(), marks, g.receivedAt(),
                        g.events(), g.answered(), null));
                marks = List.of();
            }
        }
        return out;
    }

    /**
     * What stopped instances left in the journal's root goes to the inbox (as groups of at most
     * {@code max-group-events} bodies, received now: a segment may be older than any recovery looks back, or than the
     * inbox keeps), each segment is released once it is there, and its groups are applied at once; one that fails
     * waits in the inbox for the next recovery, as any group does. A segment that cannot be read stays for the next
     * recovery, and holds back no other.
     */
    private void storeLeftovers() {
        if (journal == null) {
            return;
        }
        journal.claimStopped();
        var bodies = 0;
        for (var file : journal.leftovers()) {
            WebhookJournal.Leftover leftover;
            try {
                leftover = WebhookJournal.read(file);
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof NoSuchFileException) {
                    journal.forget(file);
                } else {
                    log.error("Webhook journal segment {} could not be read, tried again at the next recovery: {}",
                            file, e.toString());
                    meters.counter("rastro.webhook.journal.unreadable").increment();
                }
                continue;
            }
            var now = Instant.now();
            var chunks = new ArrayList<WebhookInbox.Pending>();
            var entries = leftover.entries();
            for (int from = 0; from < entries.size(); from += maxGroupEvents) {
                var part = entries.subList(from, Math.min(entries.size(), from + maxGroupEvents));
                chunks.add(new WebhookInbox.Pending(UUID.randomUUID().toString(), now,
                        part.stream().map(WebhookJournal.Entry::body).toList()));
            }
            if (!chunks.isEmpty()) {
                inbox.store(chunks);
            }
            journal.released(leftover);
            for (var chunk : chunks) {
                apply(List.of(reread(chunk))); // a failure is marked in failed: the periodic recovery takes it back
            }
            bodies += entries.size();
        }
        if (bodies > 0) {
            log.warn("Stored {} webhook bodies that stopped instances had journaled and not stored in the inbox",
                    bodies);
            meters.counter("rastro.webhook.journal.leftover.bodies").increment(bodies);
        }
    }

    /** The earliest of {@code since} and the time of the oldest group that waits for a recovery. */
    private Instant oldestWaiting(Instant since) {
        var oldest = since;
        for (var at : failed.values()) {
            if (at.isBefore(oldest)) {
                oldest = at;
            }
        }
        return oldest;
    }

    /** How far back a periodic recovery looks: well past the age at which it takes a group back. */
    private Duration lookback() {
        var age = properties.recoveryAge().plus(properties.recoveryInterval()).multipliedBy(3);
        return age.compareTo(Duration.ofHours(1)) < 0 ? Duration.ofHours(1) : age;
    }

    /** Applies groups together; true when they were. */
    private boolean apply(List<Stored> groups) {
        var started = System.nanoTime();
        var works = groups.stream().flatMap(g -> g.group().stream()).toList();
        var marks = groups.stream().flatMap(g -> g.inbox().stream()).toList();
        try {
            var byAccount = commit(works, groups.getFirst().receivedAt());
            for (var e : byAccount.entrySet()) {
                var r = e.getValue();
                var other = new LinkedHashSet<>(r.statusOnlyIds());
                r.mtMessages().forEach(m -> other.remove(m.messageId())); // recomputed with the batch's own
                recompute.recompute(e.getKey(), r.mtMessages(), other);
            }
            inbox.applied(marks, Instant.now());
            if (failed.isEmpty()) {
                advanceWatermarks(groups, byAccount);
            }
            works.forEach(w -> w.applied().complete(null));
            return true;
        } catch (RuntimeException e) {
            log.error("Webhook apply of {} group(s) failed, to be applied again from the inbox: {}", groups.size(),
                    e.toString());
            marks.forEach(m -> failed.put(m.groupId(), m.receivedAt()));
            meters.counter("rastro.webhook.apply.failures").increment();
            works.forEach(w -> w.applied().completeExceptionally(e));
            return false;
        } finally {
            for (var g : groups) {
                if (g.answered()) { // only what was answered counts in the backlog (recovered groups never did)
                    backlog.addAndGet(-g.events());
                    settled.addAndGet(g.group().size());
                }
            }
            meters.timer("rastro.webhook.group.apply").record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Applies the inbox's groups stored in {@code [since, before)} that no instance marked applied, oldest first; true
     * when every one of them is applied now. A batch that fails is tried again group by group, so that one group
     * that cannot be applied holds back no other; a group that failed alone in {@link #MAX_ATTEMPTS} recoveries is
     * set aside: its bodies are kept in {@code rastro.webhook_unhandled} (APPLY_FAILED) and it is marked, so that its
     * accounts' watermarks move again. A body that no longer maps (the time bounds moved) is kept as REJECTED, as a
     * replay keeps it. Bodies are routed as they were when received. Every recovery first stores in the inbox what
     * stopped instances left in the journal's root.
     */
    private boolean recover(Instant since, Instant before) {
        try {
            storeLeftovers();
            var recovered = new int[1];
            var whole = true;
            // an hour of the inbox at a time: each statement reads the marks of its own window, and a busy day
            // holds millions of them
            for (var from = since; whole && from.isBefore(before); from = from.plus(RECOVERY_WINDOW)) {
                var to = from.plus(RECOVERY_WINDOW).isBefore(before) ? from.plus(RECOVERY_WINDOW) : before;
                whole = recoverWindow(from, to, recovered);
            }
            if (whole) {
                // every group stored in the window that waited is applied now, by this instance or another
                failed.values().removeIf(at -> !at.isAfter(before));
            }
            if (recovered[0] > 0) {
                log.warn("Applied {} webhook group(s) from the inbox that were stored but not applied", recovered[0]);
                meters.counter("rastro.webhook.recovered.groups").increment(recovered[0]);
            }
            return whole;
        } catch (RuntimeException e) {
            log.error("Webhook inbox recovery failed, tried again in {}: {}", properties.recoveryInterval(),
                    e.toString());
            return false;
        }
    }

    /** {@link #recover} for one window; false when a group in it could not be applied (it stops there). */
    private boolean recoverWindow(Instant from, Instant to, int[] recovered) {
        while (true) {
            var batch = inbox.pending(from, to, RECOVERY_GROUPS);
            var groups = new ArrayList<Stored>();
            for (var pending : batch) {
                groups.add(reread(pending));
            }
            var whole = true;
            if (!groups.isEmpty() && !apply(groups)) {
                for (var g : groups) {
                    var id = g.inbox().getFirst().groupId();
                    if (apply(List.of(g))) {
                        failed.remove(id);
                        attempts.remove(id);
                    } else {
                        whole = false;
                        if (attempts.merge(id, 1, Integer::sum) >= MAX_ATTEMPTS) {
                            setAside(g.inbox().getFirst());
                            attempts.remove(id);
                        }
                    }
                }
            } else {
                for (var p : batch) {
                    failed.remove(p.groupId());
                    attempts.remove(p.groupId());
                }
            }
            recovered[0] += batch.size();
            if (!whole) {
                return false; // the next recovery goes on from the group that failed
            }
            if (batch.size() < RECOVERY_GROUPS) {
                return true;
            }
            from = batch.getLast().receivedAt(); // the groups at that time are marked now
        }
    }

    /** An inbox group read back into work, routed as it was received; it was never answered from here. */
    private Stored reread(WebhookInbox.Pending pending) {
        var works = new ArrayList<Work>();
        var events = 0;
        for (var body : pending.bodies()) {
            try {
                var work = reader.reread(body.bytes(), body.routes()).work();
                if (work != null) {
                    works.add(work);
                    events += work.events();
                }
            } catch (WebhookRejected e) {
                works.add(new Work(List.of(), List.of(new Unhandled("", "",
                        e.kept(new String(body.bytes(), StandardCharsets.UTF_8))))));
                events++;
            }
        }
        return new Stored(works, List.of(pending), pending.receivedAt(), events, false, null);
    }

    /** Keeps a group that cannot be applied in rastro.webhook_unhandled, for a person to look at, and marks it. */
    private void setAside(WebhookInbox.Pending group) {
        var kept = group.bodies().stream().map(b -> new Unhandled("", "", new Mapped.Kept("APPLY_FAILED",
                "group " + group.groupId() + " failed to apply in " + MAX_ATTEMPTS + " recoveries",
                new String(b.bytes(), StandardCharsets.UTF_8)))).toList();
        insertUnhandled(kept, Instant.now());
        inbox.applied(List.of(group), Instant.now());
        failed.remove(group.groupId());
        log.error("Webhook group {} ({} bodies) could not be applied in {} recoveries: kept in rastro.webhook_unhandled "
                + "as APPLY_FAILED and marked applied", group.groupId(), group.bodies().size(), MAX_ATTEMPTS);
        meters.counter("rastro.webhook.apply.set.aside").increment();
    }

    /**
     * The groups are applied: their accounts' watermarks move (one row per account) to the newest event applied,
     * capped at the latest arrival among the groups ({@link Freshness#watermark}).
     */
    private void advanceWatermarks(List<Stored> groups, Map<String, Recompute> byAccount) {
        var received = groups.stream().map(Stored::receivedAt).max(Instant::compareTo).orElseThrow();
        byAccount.forEach((account, r) -> {
            if (r.newestEvent() != null) {
                freshness.advance(account, Freshness.WHATSAPP, Freshness.watermark(r.newestEvent(), received), received);
            }
        });
    }

    private Map<String, Recompute> commit(List<Work> group, Instant now) {
        var unrouted = new ArrayList<Unrouted>();
        var unhandled = new ArrayList<Unhandled>();
        var byAccount = new LinkedHashMap<String, List<Routed>>();
        for (var w : group) {
            unrouted.addAll(w.unrouted());
            unhandled.addAll(w.unhandled());
            for (var r : w.routed()) {
                byAccount.computeIfAbsent(r.route().accountId(), k -> new ArrayList<>()).add(r);
            }
        }
        var out = new LinkedHashMap<String, Recompute>();
        for (var e : byAccount.entrySet()) {
            out.put(e.getKey(), storeAccount(e.getKey(), e.getValue(), unhandled));
        }
        if (!unrouted.isEmpty()) {
            insertUnrouted(unrouted, now);
        }
        if (!unhandled.isEmpty()) {
            insertUnhandled(unhandled, now);
        }
        return out;
    }

    /**
     * One account's share of the group: statuses of messages not stored anywhere create their rows (at the earliest
     * step's time; the ingestion gate creates a row only where no message of that id is stored), replies take the
     * campaign and user of the message they answer, then everything goes through the ingestion path. An event the
     * path rejects (an id already used with another time or direction) is kept as REJECTED and the rest is stored
     * without it.
     */
    private Recompute storeAccount(String accountId, List<Routed> routed, List<Unhandled> unhandled) {
        var names = new HashSet<String>();
        var receivedIds = new HashSet<String>();
        for (var r : routed) {
            for (var m : r.mapped().received()) {
                receivedIds.add(m.messageId());
                if (!m.replyToMessageId().isEmpty()) {
                    names.add(m.replyToMessageId());
                }
            }
        }
        var known = names.isEmpty() ? Map.<String, Known>of() : known(accountId, names);
        var created = new LinkedHashMap<String, MessageRow>();
        var events = new ArrayList<Event>();
        for (var r : routed) {
            for (var s : r.mapped().statuses()) {
                var id = s.step().messageId();
                if (!receivedIds.contains(id)) {
                    created.merge(id, s.created(), (a, b) -> a.eventTime().isAfter(b.eventTime()) ? b : a);
                }
            }
        }
        for (var row : created.values()) {
            events.add(new Event.Sent(row, null));
        }
        for (var r : routed) {
            for (var s : r.mapped().statuses()) {
                events.add(new Event.StatusUpdate(s.step()));
            }
            for (var m : r.mapped().received()) {
                var answered = known.get(m.replyToMessageId());
                events.add(new Event.Received(answered != null && answered.direction() == Direction.MT
                        && m.campaignId().isEmpty() ? attributed(m, answered) : m));
            }
        }
        for (int attempt = 0; !events.isEmpty(); attempt++) {
            var outcome = ingest.storeEvents(accountId, events);
            var rejected = outcome.rejected();
            if (rejected == null) {
                meters.counter("rastro.webhook.events", "account", accountId).increment(events.size());
                return new Recompute(outcome.mtMessages(), outcome.statusOnlyIds(), outcome.newestEvent());
            }
            if (attempt >= 3) {
                throw new IllegalStateException("the ingestion path kept rejecting events of account " + accountId);
            }
            var drop = new HashSet<Integer>();
            for (var rejection : rejected.rejections()) {
                var event = events.get((int) rejection.line() - 1);
                drop.add((int) rejection.line() - 1);
                log.warn("Webhook event {} of account {} not stored: {}", event.messageId(), accountId,
                        rejection.reason());
                unhandled.add(new Unhandled(accountId, "", new Mapped.Kept("REJECTED", rejection.reason(),
                        "{\"id\":\"" + event.messageId().replace("\"", "") + "\"}")));
            }
            var rest = new ArrayList<Event>();
            for (int i = 0; i < events.size(); i++) {
                if (!drop.contains(i)) {
                    rest.add(events.get(i));
                }
            }
            events = rest;
        }
        return new Recompute(List.of(), List.of(), null);
    }

    /** The stored messages of the account with these ids (through the lookup table's id rows); a small answer. */
    private Map<String, Known> known(String accountId, Set<String> ids) {
        var out = new HashMap<String, Known>();
        store.read(Sql.of("""
                        SELECT message_id, toString(direction) AS direction, campaign_id, campaign_name, user_id
                        FROM rastro.messages FINAL
                        PREWHERE message_id IN {ids:Array(String)}
                        WHERE account_id = {account:String}
                          AND\s""" + MessageRow.STORED_UNDER_IDS)
                        .bind("account", accountId).bind("ids", List.copyOf(ids)),
                row -> out.put(row.getString("message_id"), new Known(
                        Direction.valueOf(row.getString("direction")), row.getString("campaign_id"),
                        row.getString("campaign_name"), row.getString("user_id"))));
        return out;
    }

    /** A reply takes the campaign and user of the message it answers. */
    private static MessageRow attributed(MessageRow m, Known answered) {
        return m.toBuilder().userId(answered.userId()).campaignId(answered.campaignId())
                .campaignName(answered.campaignName()).build();
    }

    private void insertUnrouted(List<Unrouted> rows, Instant now) {
        var bytes = new ByteArrayOutputStream();
        var w = new RowBinaryWriter(bytes);
        // version 0: a change stored again (a group applied twice) never outranks its replay, which has a clock
        // version (NumberService.replay); until replayed, the copies are the same change
        for (var r : rows) {
            w.string(r.phoneNumberId()).string(r.hash()).string(r.wabaId()).string(r.field()).string(r.value())
                    .dateTime64(now).nullableDateTime64(null).string("").int64(0);
        }
        store.insert("INSERT INTO rastro.webhook_unrouted (phone_number_id, change_hash, waba_id, field, value, "
                + "received_at, replayed_at, replayed_into, version)", "RowBinary", new ByteArrayInputStream(bytes.toByteArray()));
        for (var r : rows) {
            meters.counter("rastro.webhook.unrouted").increment();
        }
    }

    private void insertUnhandled(List<Unhandled> rows, Instant now) {
        var bytes = new ByteArrayOutputStream();
        var w = new RowBinaryWriter(bytes);
        for (var r : rows) {
            w.string(r.accountId()).dateTime64(now).string(r.phoneNumberId()).string(r.kept().kind())
                    .string(r.kept().reason()).string(r.kept().raw());
            meters.counter("rastro.webhook.unhandled", "kind", r.kept().kind()).increment();
        }
        store.insert("INSERT INTO rastro.webhook_unhandled (account_id, received_at, phone_number_id, kind, reason, "
                + "raw)", "RowBinary", new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Override
    public void start() {
        running = true;
        storing = true;
        applier = Thread.ofPlatform().name("webhook-apply").daemon().start(this::applyLoop);
        storer = Thread.ofPlatform().name("webhook-store").daemon().start(this::storeLoop);
    }

    /**
     * Stops taking work; what is queued is still stored and applied before the threads end (what is not applied by
     * then is applied from the inbox by the next instance to start, or by another one running).
     */
    @Override
    public void stop() {
        running = false;
        try {
            for (var t : new Thread[] {storer, applier}) {
                if (t != null) {
                    t.join(30_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Started before the web server and stopped after it has stopped taking requests (its phases are
     * {@code DEFAULT_PHASE - 1024} and {@code - 2048}), so every request it took is still stored.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
