package io.rastro.ingest;

import io.rastro.RastroProperties;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rewrites the current row of MT messages from ALL of their status events, in the engine, one statement per chunk
 * of ids. Because the row is a function of the whole event set (not of the event that just arrived), arrival order
 * and replays do not matter: statuses that came before their MT are simply picked up when the MT arrives.
 *
 * <p>Precedence: ACCEPTED 0 &lt; SENT 1 &lt; FAILED 2 &lt; DELIVERED 3 &lt; READ 4 &lt; PLAYED 5. The current
 * status is the highest-ranked step (the earliest of equals); each *_at is the earliest time of its step, with
 * delivery implied by read/played and read implied by played; the error is the latest FAILED event's and stays
 * even when a later delivery outranks the failure.
 */
@Component
public class StatusRecompute {

    static final String SQL = """
            INSERT INTO rastro.messages (%s)
            SELECT m.account_id, m.event_time, m.message_id, m.direction, m.subaccount_id, m.user_id, m.campaign_id,
                   m.campaign_name, m.content_type, m.template_name, m.template_language, m.text, m.contact_phone,
                   m.contact_wa_id, m.contact_bsuid, m.sent_with_session, m.correlation_id, m.conversation_id,
                   m.conversation_type, m.conversation_expires_at, m.pricing_category, m.button_payload,
                   m.button_text, m.reply_to_message_id,
                   tupleElement(s.top, 3), tupleElement(s.top, 2), s.sent_at, s.delivered_at, s.read_at, s.failed_at,
                   tupleElement(s.error, 1), tupleElement(s.error, 2),
                   m.ingested_at, {version:UInt64}
            FROM
            (
                SELECT *
                FROM rastro.messages FINAL
                WHERE account_id = {account:String}
                  AND direction = 'MT'
                  AND message_id IN {ids:Array(String)}
                  AND (event_time, message_id) IN (SELECT event_time, message_id FROM rastro.message_lookup
                                                   WHERE account_id = {account:String} AND kind = 'ID'
                                                     AND value IN {ids:Array(String)})
            ) AS m
            INNER JOIN
            (
                SELECT message_id,
                       min((-rank, status_at, status)) AS top,
                       minIf(toNullable(status_at), status = 'SENT') AS sent_at,
                       coalesce(minIf(toNullable(status_at), status = 'DELIVERED'),
                                minIf(toNullable(status_at), status IN ('READ', 'PLAYED'))) AS delivered_at,
                       coalesce(minIf(toNullable(status_at), status = 'READ'),
                                minIf(toNullable(status_at), status = 'PLAYED')) AS read_at,
                       minIf(toNullable(status_at), status = 'FAILED') AS failed_at,
                       argMaxIf((error_code, error_title), (status_at, error_code), status = 'FAILED') AS error
                FROM
                (
                    SELECT message_id, status, status_at, error_code, error_title,
                           toInt8(multiIf(status = 'ACCEPTED', 0, status = 'SENT', 1, status = 'FAILED', 2,
                                          status = 'DELIVERED', 3, status = 'READ', 4, status = 'PLAYED', 5, -1)) AS rank
                    FROM rastro.status_events FINAL
                    WHERE account_id = {account:String} AND message_id IN {ids:Array(String)}
                )
                GROUP BY message_id
                HAVING countIf(status != 'ACCEPTED') > 0
            ) AS s ON s.message_id = m.message_id""".formatted(MessageRow.COLUMNS);

    private final Store store;
    private final int chunk;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final AtomicLong lastVersion = new AtomicLong();

    public StatusRecompute(Store store, RastroProperties properties) {
        this.store = store;
        this.chunk = Math.max(1, properties.ingest().recomputeChunk());
    }

    /** Recomputes the current rows of these message ids of the account; ids without an MT row stay parked. */
    public void recompute(String accountId, Collection<String> messageIds) {
        var ids = new ArrayList<String>(Math.min(chunk, messageIds.size()));
        for (var id : messageIds) {
            ids.add(id);
            if (ids.size() == chunk) {
                recomputeChunk(accountId, ids);
                ids.clear();
            }
        }
        if (!ids.isEmpty()) {
            recomputeChunk(accountId, ids);
        }
    }

    private void recomputeChunk(String accountId, List<String> ids) {
        // One recompute per account at a time, with its version taken inside the lock. Otherwise a recompute that
        // read the events before another batch's insert could be given a higher version than the recompute that
        // read them after it, and FINAL would keep the stale row. Serialised, the newest version is always built
        // from a superset of the events any older version saw. (Per JVM: instances sharing a server engine would
        // need a shared lock; version = time keeps the window small.)
        var lock = locks.computeIfAbsent(accountId, k -> new ReentrantLock());
        lock.lock();
        try {
            store.execute(Sql.of(SQL).bind("account", accountId).bind("ids", ids).bind("version", nextVersion()));
        } finally {
            lock.unlock();
        }
    }

    /** Current time in microseconds, strictly increasing, so a later recompute always wins and 0 never does. */
    private long nextVersion() {
        var now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        return lastVersion.updateAndGet(previous -> Math.max(previous + 1, now));
    }
}
