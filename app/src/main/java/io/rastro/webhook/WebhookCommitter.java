package io.rastro.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.domain.Direction;
import io.rastro.freshness.Freshness;
import io.rastro.ingest.Event;
import io.rastro.ingest.IngestService;
import io.rastro.ingest.MessageRow;
import io.rastro.ingest.StatusRecompute;
import io.rastro.store.RowBinaryWriter;
import io.rastro.store.RowVersions;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: webhook requests hand their mapped changes to a committing thread and wait; it takes every request
 * waiting (up to {@code rastro.whatsapp.max-group-events} events) and stores them with one set of inserts per account
 * through {@link IngestService#storeEvents}. A second thread then recomputes the current rows of every group stored
 * meanwhile, in one recompute per account, and completes their requests. Meta sends one small POST per change, so
 * per-request statements would make one engine part and one recompute per request; grouped, each statement's cost
 * is shared by every request that arrived while the previous one ran, and the two stages overlap (the next group
 * is stored while the last one is recomputed). A request is answered only after its events are stored and applied
 * (a 200 means stored), and a failure fails every request of its group (503: Meta retries; events are idempotent).
 * Recomputing after a later group's insert is safe: the recompute reads every event of its ids, a superset.
 */
@Component
class WebhookCommitter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookCommitter.class);

    /** A change for a number nobody holds, kept for replay. */
    record Unrouted(String phoneNumberId, String hash, String wabaId, String field, String value) {
    }

    /** Something kept in {@code rastro.webhook_unhandled}. */
    record Unhandled(String accountId, String phoneNumberId, Mapped.Kept kept) {
    }

    /** A routed change's rows. */
    record Routed(Route route, Mapped mapped) {
    }

    /** One request's share of a group, and how it ends. */
    record Work(List<Routed> routed, List<Unrouted> unrouted, List<Unhandled> unhandled,
                CompletableFuture<Void> done) {

        Work(List<Routed> routed, List<Unrouted> unrouted, List<Unhandled> unhandled) {
            this(routed, unrouted, unhandled, new CompletableFuture<>());
        }

        int events() {
            var n = unrouted.size() + unhandled.size();
            for (var r : routed) {
                n += r.mapped().statuses().size() + r.mapped().received().size();
            }
            return Math.max(1, n);
        }
    }

    /** What is stored about a message a reply answers: its direction, and the campaign and user a reply takes. */
    private record Known(Direction direction, String campaignId, String campaignName, String userId) {
    }

    /** Groups stored and waiting for their recompute: per account, the messages to recompute. */
    private record Stored(List<Work> group, Map<String, Recompute> byAccount, Instant receivedAt) {
    }

    /** An account's share of a stored group; {@code newestEvent} is null when nothing of it was stored. */
    private record Recompute(List<StatusRecompute.BatchMessage> mtMessages, List<String> statusOnlyIds,
                             Instant newestEvent) {
    }

    private final Store store;
    private final IngestService ingest;
    private final StatusRecompute recompute;
    private final Freshness freshness;
    private final int maxGroupEvents;
    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Stored> stored = new LinkedBlockingQueue<>();
    private final MeterRegistry meters;
    private volatile boolean running;
    private volatile boolean storing;
    private Thread storer;
    private Thread applier;

    WebhookCommitter(Store store, IngestService ingest, StatusRecompute recompute, Freshness freshness,
                     WhatsAppProperties properties, MeterRegistry meters) {
        this.store = store;
        this.ingest = ingest;
        this.recompute = recompute;
        this.freshness = freshness;
        this.maxGroupEvents = Math.max(1, properties.maxGroupEvents());
        this.meters = meters;
    }

    /** Queues a request's work; its future completes once the group it joined is stored. */
    CompletableFuture<Void> submit(Work work) {
        if (!running) {
            work.done().completeExceptionally(new IllegalStateException("the webhook committer is stopped"));
            return work.done();
        }
        queue.add(work);
        return work.done();
    }

    /** Stage one: groups the waiting requests and stores them. */
    private void storeLoop() {
        while (running || !queue.isEmpty()) {
            Work first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (first == null) {
                continue;
            }
            var group = new ArrayList<Work>();
            group.add(first);
            var events = first.events();
            for (var next = queue.peek(); next != null && events + next.events() <= maxGroupEvents; next = queue.peek()) {
                group.add(queue.poll());
                events += next.events();
            }
            var started = System.nanoTime();
            try {
                var receivedAt = Instant.now();
                stored.add(new Stored(group, commit(group, receivedAt), receivedAt));
            } catch (RuntimeException e) {
                log.error("Webhook group of {} request(s) failed: {}", group.size(), e.toString());
                group.forEach(w -> w.done().completeExceptionally(e));
            }
            meters.summary("rastro.webhook.group.requests").record(group.size());
            meters.timer("rastro.webhook.group.store").record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        storing = false;
    }

    /** Stage two: recomputes every group stored so far, one recompute per account, and answers their requests. */
    private void applyLoop() {
        while (storing || !stored.isEmpty()) {
            Stored first;
            try {
                first = stored.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (first == null) {
                continue;
            }
            var groups = new ArrayList<Stored>();
            groups.add(first);
            stored.drainTo(groups);
            var started = System.nanoTime();
            var mt = new LinkedHashMap<String, List<StatusRecompute.BatchMessage>>();
            var others = new LinkedHashMap<String, Set<String>>();
            for (var g : groups) {
                g.byAccount().forEach((account, r) -> {
                    mt.computeIfAbsent(account, k -> new ArrayList<>()).addAll(r.mtMessages());
                    others.computeIfAbsent(account, k -> new LinkedHashSet<>()).addAll(r.statusOnlyIds());
                });
            }
            try {
                for (var account : mt.keySet()) {
                    var other = others.get(account);
                    mt.get(account).forEach(m -> other.remove(m.messageId())); // recomputed with the batch's own
                    recompute.recompute(account, mt.get(account), other);
                }
                advanceWatermarks(groups);
                groups.forEach(g -> g.group().forEach(w -> w.done().complete(null)));
            } catch (RuntimeException e) {
                log.error("Webhook recompute of {} group(s) failed: {}", groups.size(), e.toString());
                groups.forEach(g -> g.group().forEach(w -> w.done().completeExceptionally(e)));
            }
            meters.timer("rastro.webhook.group.apply").record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /** The groups are stored and applied: their sources' watermarks move (one row per account). */
    private void advanceWatermarks(List<Stored> groups) {
        var newest = new LinkedHashMap<String, Instant>();
        var received = new HashMap<String, Instant>();
        for (var g : groups) {
            g.byAccount().forEach((account, r) -> {
                if (r.newestEvent() != null) {
                    // each group capped at its own arrival, before the newest of them is taken
                    newest.merge(account, Freshness.watermark(r.newestEvent(), g.receivedAt()),
                            (a, b) -> a.isAfter(b) ? a : b);
                    received.merge(account, g.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            });
        }
        newest.forEach((account, at) -> freshness.advance(account, Freshness.WHATSAPP, at, received.get(account)));
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
        var version = RowVersions.next();
        for (var r : rows) {
            w.string(r.phoneNumberId()).string(r.hash()).string(r.wabaId()).string(r.field()).string(r.value())
                    .dateTime64(now).nullableDateTime64(null).string("").int64(version);
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
        storer = Thread.ofPlatform().name("webhook-store").daemon().start(this::storeLoop);
        applier = Thread.ofPlatform().name("webhook-apply").daemon().start(this::applyLoop);
    }

    /** Stops taking work; what is queued is still stored and applied before the threads end. */
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
