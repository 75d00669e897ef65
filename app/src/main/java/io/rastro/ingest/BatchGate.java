package io.rastro.ingest;

import io.rastro.domain.Direction;
import io.rastro.store.Sql;
import io.rastro.store.SqlValues;
import io.rastro.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decides what of a batch's valid events goes to the spill, and collects the ids to recompute.
 *
 * <p>A message row is keyed by (time, id), so an MT or MO whose id is already used with another time or
 * direction would become a second message instead of a replay: such a line is rejected, whether the first use is
 * earlier in the batch or already stored. Two exceptions concern the rows WhatsApp's status webhooks create for
 * messages the platform has not posted (an MT without ACCEPTED step, content type UNKNOWN): such a row is created
 * only where no message of its id exists, and the platform's MT, when it comes, replaces it instead of conflicting.
 * A message that is already stored exactly so is not written again: a second version-0 row would carry a newer
 * {@code ingested_at}, which exports use as their snapshot cutoff. The
 * store is asked in chunks while the batch streams, on a thread of the gate's own, so the engine looks a chunk up
 * while this thread parses the next one (on two cores the two overlap; in line, the lookups took a third of
 * validating a batch). At most two chunks of message rows wait in memory: one being parsed, one being looked up.
 * What a lookup finds is applied on the caller's thread, so the spill and the rejections have one writer.
 *
 * <p>Holds one entry per distinct id of the batch (bounded by its line limit): the recompute needs them anyway.
 */
final class BatchGate implements AutoCloseable {

    private record Pending(long line, Event event, MessageRow message) {
    }

    /**
     * A stored (time, direction) key, and whether its row is one a status webhook created (content type UNKNOWN in
     * every version), which the platform's own MT replaces when it arrives.
     */
    private record StoredKey(long key, boolean created) {
    }

    /** A chunk whose lookup is running, and what it will find: every stored key per id. */
    private record InFlight(List<Pending> chunk, Future<Map<String, List<StoredKey>>> stored) {
    }

    /**
     * Messages per stored-message lookup. Small enough that the lookups overlap with parsing several times per
     * batch, large enough that each statement's fixed cost is shared by many ids.
     */
    static final int LOOKUP_CHUNK = 5000;

    private final Store store;
    private final String accountId;
    private final Spill spill;
    private final Rejections rejections;
    private final Map<String, Long> messages = new HashMap<>();
    private final Set<String> statusIds = new HashSet<>();
    private final List<Pending> pending = new ArrayList<>();
    private final List<StatusRecompute.BatchMessage> retired = new ArrayList<>();
    private final ExecutorService lookups = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("ingest-lookup").daemon().factory());
    private InFlight inFlight;

    BatchGate(Store store, String accountId, Spill spill, Rejections rejections) {
        this.store = store;
        this.accountId = accountId;
        this.spill = spill;
        this.rejections = rejections;
    }

    /** Takes a valid event; throws when it contradicts an earlier line of the batch. */
    void accept(long line, Event event) {
        switch (event) {
            case Event.StatusUpdate update -> {
                statusIds.add(update.messageId());
                write(event);
            }
            case Event.Sent sent -> message(line, event, sent.message());
            case Event.Received received -> {
                // a reply changes the reply state of the MT it answers: that row is recomputed like a status's
                if (!received.message().replyToMessageId().isEmpty()) {
                    statusIds.add(received.message().replyToMessageId());
                }
                message(line, event, received.message());
            }
        }
    }

    private void message(long line, Event event, MessageRow row) {
        var key = key(row.eventTime(), row.direction());
        var previous = messages.putIfAbsent(row.messageId(), key);
        if (previous != null && created(event)) {
            return; // a row a status would create, for a message the batch already has: nothing to create
        }
        if (previous != null) {
            if (previous != key) {
                throw conflict(previous, row.messageId(), row.eventTime(), row.direction(), "earlier in this batch");
            }
            return; // an exact repeat within the batch: already on its way
        }
        pending.add(new Pending(line, event, row));
        if (pending.size() >= LOOKUP_CHUNK) {
            dispatch();
        }
    }

    /** Starts the stored-message lookup of the waiting messages, after applying the one still running. */
    private void dispatch() {
        applyInFlight();
        if (pending.isEmpty()) {
            return;
        }
        var chunk = List.copyOf(pending);
        pending.clear();
        var ids = chunk.stream().map(p -> p.message().messageId()).toList();
        inFlight = new InFlight(chunk, lookups.submit(() -> stored(ids)));
    }

    /** Checks every message accepted so far against those already stored, and spills the new ones. */
    void flush() {
        dispatch();
        applyInFlight();
    }

    private void applyInFlight() {
        if (inFlight == null) {
            return;
        }
        var chunk = inFlight.chunk();
        Map<String, List<StoredKey>> stored;
        try {
            stored = inFlight.stored().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking the batch against stored messages", e);
        } finally {
            inFlight = null;
        }
        for (var p : chunk) {
            var row = p.message();
            var keys = stored.get(row.messageId());
            if (keys == null) {
                write(p.event());
            } else if (created(p.event())) {
                // already stored, under whatever time: the row is not created, and its statuses are applied to the
                // stored row, found through the lookup like any status of an earlier message
                messages.remove(row.messageId());
            } else if (keys.stream().allMatch(StoredKey::created) && p.event() instanceof Event.Sent) {
                // the platform's MT for a message a status webhook created first: it replaces that row, under its
                // own time, and the batch's recompute applies the statuses already stored to it
                for (var k : keys) {
                    retired.add(new StatusRecompute.BatchMessage(row.messageId(), Instant.ofEpochMilli(
                            Math.floorDiv(k.key(), 2))));
                }
                write(p.event());
            } else if (keys.stream().noneMatch(k -> k.key() == key(row.eventTime(), row.direction()))) {
                var e = conflict(keys.getFirst().key(), row.messageId(), row.eventTime(), row.direction(), "stored");
                rejections.add(p.line(), e.field(), e.getMessage());
            }
        }
    }

    /**
     * The (time, direction) keys already stored under these ids. Runs on the lookup thread: touches no field. A
     * chunk's answer is small (a row per stored id at most), so it is read in one call: streamed, each lookup also
     * paid for a prefetch thread and the engine's streaming (4 ms read whole against 4-65 ms streamed for 16 ids,
     * and most of the CPU of webhook requests, which look up a few ids each). The ids are cut to what a server
     * accepts in one parameter ({@link SqlValues#chunks}).
     */
    private Map<String, List<StoredKey>> stored(List<String> ids) {
        var stored = new HashMap<String, List<StoredKey>>();
        for (var part : SqlValues.chunks(ids, ids.size(), id -> id)) {
            lookUp(part, stored);
        }
        return stored;
    }

    private void lookUp(List<String> ids, Map<String, List<StoredKey>> stored) {
        store.read(Sql.of("""
                        SELECT message_id, event_time, toString(direction) AS direction,
                               min(content_type = 'UNKNOWN') AS created
                        FROM rastro.messages
                        WHERE account_id = {account:String}
                          AND message_id IN {ids:Array(String)}
                          AND\s""" + MessageRow.STORED_UNDER_IDS
                        + "\nGROUP BY message_id, event_time, direction").bind("account", accountId).bind("ids", ids),
                row -> stored.computeIfAbsent(row.getString("message_id"), k -> new ArrayList<>())
                        .add(new StoredKey(key(row.getInstant("event_time"),
                                Direction.valueOf(row.getString("direction"))), row.getBoolean("created"))));
    }

    /**
     * Rows a status webhook created for messages whose platform MT this batch brings: {@link StatusRecompute#retire}
     * deletes them before the batch is stored, so that the platform's row replaces them.
     */
    List<StatusRecompute.BatchMessage> retired() {
        return retired;
    }

    /**
     * Stops the lookup thread. A lookup still running (the batch was refused early) is waited for, not interrupted:
     * it is one bounded statement, and an engine call is not cut off half-way.
     */
    @Override
    public void close() {
        lookups.close();
    }

    /** The batch's MT messages, with their times: their parked statuses may now apply. */
    List<StatusRecompute.BatchMessage> mtMessages() {
        var out = new ArrayList<StatusRecompute.BatchMessage>(messages.size());
        for (var e : messages.entrySet()) {
            if (e.getValue() % 2 == 0) {
                var at = Instant.ofEpochMilli(Math.floorDiv(e.getValue(), 2));
                out.add(new StatusRecompute.BatchMessage(e.getKey(), at));
            }
        }
        return out;
    }

    /**
     * The ids of status events, and of the messages the batch's replies answer, for messages that are not in the
     * batch: their rows are found through the lookup and recomputed.
     */
    List<String> statusOnlyIds() {
        var out = new ArrayList<String>(statusIds.size());
        for (var id : statusIds) {
            if (!messages.containsKey(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * An MT row that a status creates when its message is not stored ({@link Event.Sent} without an ACCEPTED step):
     * created only when no message of that id exists, stored or earlier in the batch, and never a conflict.
     */
    private static boolean created(Event event) {
        return event instanceof Event.Sent sent && sent.accepted() == null;
    }

    /** Once a line is rejected nothing will be stored: the rest of the batch is only validated. */
    private void write(Event event) {
        if (rejections.isEmpty()) {
            spill.write(event);
        }
    }

    /** A message's identity as stored: its time and direction in one long (MT even, MO odd). */
    private static long key(Instant at, Direction direction) {
        return at.toEpochMilli() * 2 + (direction == Direction.MO ? 1 : 0);
    }

    private static LineRejectedException conflict(long existing, String id, Instant at,
                                                  Direction direction, String where) {
        var existingDirection = existing % 2 == 0 ? Direction.MT : Direction.MO;
        if (existingDirection != direction) {
            return new LineRejectedException("id", "Message id '" + EventParser.shorten(id, 80) + "' already names "
                    + (existingDirection == Direction.MT ? "an mt" : "an mo") + " message (" + where
                    + "); one id names one message.");
        }
        return new LineRejectedException("at", "Message '" + EventParser.shorten(id, 80) + "' already has at = "
                + Instant.ofEpochMilli(Math.floorDiv(existing, 2)) + " (" + where
                + "); a resent event must keep its time (" + at + " given).");
    }
}
