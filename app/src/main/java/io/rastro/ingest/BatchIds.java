package io.rastro.ingest;

import io.rastro.store.Sql;
import io.rastro.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The message ids a batch touches, and the guard against an id being reused for a different message. A message
 * row is keyed by (time, id): an MT resent with another time, or an id used for both an MT and an MO, would
 * become a second message instead of a replay. Such a line is rejected, whether the first use is earlier in the
 * batch or already stored (checked against the id lookup in chunks while the batch streams).
 *
 * <p>Holds one entry per distinct id (bounded by the batch's line limit): the recompute needs them anyway.
 */
final class BatchIds {

    private record Pending(long line, String id, Instant at, MessageRow.Direction direction) {
    }

    private final Store store;
    private final String accountId;
    private final int chunk;
    private final Map<String, Long> messages = new HashMap<>();
    private final Set<String> statusIds = new HashSet<>();
    private final List<Pending> pending = new ArrayList<>();

    BatchIds(Store store, String accountId, int chunk) {
        this.store = store;
        this.accountId = accountId;
        this.chunk = chunk;
    }

    /** Records a valid event's id; throws when it contradicts an earlier line of the batch. */
    void add(long line, Event event, Rejections rejections) {
        switch (event) {
            case Event.StatusUpdate update -> statusIds.add(update.messageId());
            case Event.Sent sent -> message(line, sent.message(), rejections);
            case Event.Received received -> message(line, received.message(), rejections);
        }
    }

    private void message(long line, MessageRow row, Rejections rejections) {
        var key = key(row.eventTime(), row.direction());
        var previous = messages.putIfAbsent(row.messageId(), key);
        if (previous != null) {
            if (previous != key) {
                throw conflict(previous % 2 == 0 ? MessageRow.Direction.MT : MessageRow.Direction.MO,
                        Instant.ofEpochMilli(Math.floorDiv(previous, 2)), row, "earlier in this batch");
            }
            return; // an exact repeat: nothing new to check
        }
        pending.add(new Pending(line, row.messageId(), row.eventTime(), row.direction()));
        if (pending.size() >= chunk) {
            checkStored(rejections);
        }
    }

    /** Checks the pending ids against the messages already stored for the account. */
    void checkStored(Rejections rejections) {
        if (pending.isEmpty()) {
            return;
        }
        var ids = pending.stream().map(Pending::id).distinct().toList();
        var stored = new HashMap<String, List<Long>>();
        store.stream(Sql.of("""
                        SELECT message_id, event_time, toString(direction) AS direction
                        FROM rastro.messages
                        WHERE account_id = {account:String}
                          AND message_id IN {ids:Array(String)}
                          AND (event_time, message_id) IN (SELECT event_time, message_id FROM rastro.message_lookup
                                                           WHERE account_id = {account:String} AND kind = 'ID'
                                                             AND value IN {ids:Array(String)})
                        GROUP BY message_id, event_time, direction""").bind("account", accountId).bind("ids", ids),
                row -> stored.computeIfAbsent(row.getString("message_id"), k -> new ArrayList<>())
                        .add(key(row.getInstant("event_time"), MessageRow.Direction.valueOf(row.getString("direction")))));
        for (var p : pending) {
            var keys = stored.get(p.id());
            var key = key(p.at(), p.direction());
            if (keys != null && !keys.contains(key)) {
                var existing = keys.getFirst();
                var e = conflict(existing % 2 == 0 ? MessageRow.Direction.MT : MessageRow.Direction.MO,
                        Instant.ofEpochMilli(Math.floorDiv(existing, 2)), p.id(), p.at(), p.direction(), "stored");
                rejections.add(p.line(), e.field(), e.getMessage());
            }
        }
        pending.clear();
    }

    /** The MT ids (whose parked statuses may now apply) and the ids of status events: what to recompute. */
    List<String> toRecompute() {
        var out = new ArrayList<String>(messages.size() + statusIds.size());
        for (var e : messages.entrySet()) {
            if (e.getValue() % 2 == 0 && !statusIds.contains(e.getKey())) {
                out.add(e.getKey());
            }
        }
        out.addAll(statusIds);
        return out;
    }

    private static long key(Instant at, MessageRow.Direction direction) {
        return at.toEpochMilli() * 2 + (direction == MessageRow.Direction.MO ? 1 : 0);
    }

    private static LineRejectedException conflict(MessageRow.Direction direction, Instant at, MessageRow row,
                                                  String where) {
        return conflict(direction, at, row.messageId(), row.eventTime(), row.direction(), where);
    }

    private static LineRejectedException conflict(MessageRow.Direction existingDirection, Instant existingAt,
                                                  String id, Instant at, MessageRow.Direction direction,
                                                  String where) {
        if (existingDirection != direction) {
            return new LineRejectedException("id", "Message id '" + EventParser.shorten(id, 80) + "' already names "
                    + (existingDirection == MessageRow.Direction.MT ? "an mt" : "an mo") + " message (" + where
                    + "); one id names one message.");
        }
        return new LineRejectedException("at", "Message '" + EventParser.shorten(id, 80) + "' already has at = "
                + existingAt + " (" + where + "); a resent event must keep its time (" + at + " given).");
    }
}
