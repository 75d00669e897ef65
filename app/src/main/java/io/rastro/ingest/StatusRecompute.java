package io.rastro.ingest;

import io.rastro.RastroProperties;
import io.rastro.domain.MessageStatus;
import io.rastro.store.Sql;
import io.rastro.store.SqlValues;
import io.rastro.store.Store;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rewrites the current row of MT messages from ALL of their status events, in the engine, one statement per chunk
 * of ids. Because the row is a function of the whole event set (not of the event that just arrived), arrival order
 * and replays do not matter: statuses that came before their MT are simply picked up when the MT arrives.
 *
 * <p>Precedence ({@link MessageStatus#rank()}, generated into the statement): ACCEPTED 0 &lt; SENT 1 &lt;
 * FAILED 2 &lt; DELIVERED 3 &lt; READ 4 &lt; PLAYED 5. The current status is the highest-ranked step (the earliest of equals); each *_at is the earliest time of its step, with
 * delivery implied by read/played and read implied by played; the error is the latest FAILED event's and stays
 * even when a later delivery outranks the failure. The conversation and pricing (category, model, type, billable)
 * are those of the latest step that carried them (WhatsApp's status webhooks do, and so may events), else the
 * row's own. The reply state (how many received messages answer it, and the quick-reply payloads they tapped) is
 * counted from all of its replies ({@code rastro.message_replies}) in the same statement, so that the replied
 * filters read a column of the row instead of joining the period's replies; a reply triggers the recompute of the
 * message it answers ({@code BatchGate}). A row is rewritten only when a step beyond ACCEPTED or a reply is there.
 */
@Component
public class StatusRecompute {

    /**
     * The recompute statement; its last placeholder says how the stored MT rows are found. The id filter is an
     * explicit PREWHERE because the engine moves nothing to PREWHERE under FINAL by itself: without it, every
     * column of every row in the granules found was read before the ids were tested (at 100M rows, 4,000 ids:
     * 240-310 ms against 120-130 ms). It is safe under FINAL because the id is part of the sort key, the same
     * in every version of a row.
     */
    private static final String TEMPLATE = """
            INSERT INTO rastro.messages (%s)
            SELECT m.account_id, m.event_time, m.message_id, m.direction, m.subaccount_id, m.user_id, m.campaign_id,
                   m.campaign_name, m.content_type, m.template_name, m.template_language, m.text, m.contact_phone,
                   m.contact_wa_id, m.contact_bsuid, m.sent_with_session, m.correlation_id,
                   if(tupleElement(s.conversation, 1) != '', tupleElement(s.conversation, 1), m.conversation_id),
                   if(tupleElement(s.conversation, 1) != '', tupleElement(s.conversation, 2), m.conversation_type),
                   if(tupleElement(s.conversation, 1) != '', tupleElement(s.conversation, 3),
                      m.conversation_expires_at),
                   if(s.pricing_category != '', s.pricing_category, m.pricing_category), m.button_payload,
                   m.button_text, m.reply_to_message_id,
                   tupleElement(s.top, 3), tupleElement(s.top, 2), s.sent_at, s.delivered_at, s.read_at, s.failed_at,
                   tupleElement(s.error, 1), tupleElement(s.error, 2),
                   m.ingested_at, toUInt64(toUnixTimestamp64Micro(now64(6))),
                   if(s.pricing_model != '', s.pricing_model, m.pricing_model),
                   if(s.pricing_type != '', s.pricing_type, m.pricing_type),
                   if(isNotNull(s.pricing_billable), s.pricing_billable, m.pricing_billable),
                   m.media_id, m.media_mime_type, m.contact_name, r.replies, r.payloads
            FROM
            (
                SELECT *
                FROM rastro.messages FINAL
                PREWHERE message_id IN {ids:Array(String)}
                WHERE account_id = {account:String}
                  AND direction = 'MT'
                  AND %s
            ) AS m
            INNER JOIN
            (
                SELECT message_id,
                       min((-rank, status_at, status)) AS top,
                       minIf(toNullable(status_at), status = 'SENT') AS sent_at,
                       coalesce(minIf(toNullable(status_at), status = 'DELIVERED'),
                                minIf(toNullable(status_at), status IN %s)) AS delivered_at,
                       coalesce(minIf(toNullable(status_at), status = 'READ'),
                                minIf(toNullable(status_at), status = 'PLAYED')) AS read_at,
                       minIf(toNullable(status_at), status = 'FAILED') AS failed_at,
                       argMaxIf((error_code, error_title), (status_at, error_code), status = 'FAILED') AS error,
                       argMaxIf((conversation_id, conversation_type, conversation_expires_at), status_at,
                                conversation_id != '') AS conversation,
                       argMaxIf(pricing_category, status_at, pricing_category != '') AS pricing_category,
                       argMaxIf(pricing_model, status_at, pricing_model != '') AS pricing_model,
                       argMaxIf(pricing_type, status_at, pricing_type != '') AS pricing_type,
                       argMaxIf(pricing_billable, status_at, isNotNull(pricing_billable)) AS pricing_billable,
                       countIf(status != 'ACCEPTED') AS steps
                FROM
                (
                    SELECT message_id, status, status_at, error_code, error_title, conversation_id,
                           conversation_type, conversation_expires_at, pricing_category, pricing_model,
                           pricing_type, pricing_billable,
                           %s AS rank
                    FROM rastro.status_events FINAL
                    WHERE account_id = {account:String} AND message_id IN {ids:Array(String)}
                )
                GROUP BY message_id
            ) AS s ON s.message_id = m.message_id
            LEFT JOIN
            (
                SELECT replied_id, %s
                FROM rastro.message_replies FINAL
                WHERE account_id = {account:String} AND replied_id IN {ids:Array(String)} AND reply_at >= %s
                GROUP BY replied_id
            ) AS r ON r.replied_id = m.message_id
            WHERE s.steps > 0 OR r.replies > 0""";

    /**
     * A sent message's reply state from its replies grouped by the message they answer: their number
     * ({@code replies}, reply_count) and the distinct quick-reply payloads tapped, sorted ({@code payloads},
     * reply_payloads). The one rule, also used by the demo generator; migration 015 restates it for the rows
     * stored before it.
     */
    public static final String REPLY_STATE = "toUInt32(count()) AS replies, "
            + "arraySort(groupUniqArrayIf(button_payload, button_payload != '')) AS payloads";

    /**
     * For ids whose time is not known here: their (time, id) keys come from the lookup table, and so does the
     * earliest of their times, a day before which no reply to them can be (none stored: a time no reply has).
     */
    static final String BY_LOOKUP = statement(MessageRow.STORED_UNDER_IDS, """
            ifNull((SELECT minOrNull(event_time) FROM rastro.message_keys
                    WHERE account_id = {account:String} AND kind = 'ID' AND value IN {ids:Array(String)})
                   - INTERVAL 1 DAY, toDateTime64('2100-01-01 00:00:00', 3, 'UTC'))""");

    /** For MT messages of the batch itself, whose times lie in [from, to]: the sort key finds them directly. */
    static final String BY_TIME = statement(
            "event_time BETWEEN {from:DateTime64(3, 'UTC')} AND {to:DateTime64(3, 'UTC')}",
            "{from:DateTime64(3, 'UTC')} - INTERVAL 1 DAY");

    /**
     * The statement for a way of finding the stored rows, with the precedence of {@link MessageStatus}, and the
     * earliest time a reply to them can have, which bounds the read of the replies. A reply follows its message, but
     * their clocks differ (Meta's webhook times are whole seconds, a platform's MT time has milliseconds; clocks
     * drift): a day of margin, so that no reply is left out and its count wiped, at the cost of a day more of the
     * replies' sort key read.
     */
    private static String statement(String storedRows, String repliesFrom) {
        return TEMPLATE.formatted(MessageRow.COLUMNS, storedRows, MessageStatus.aboveSql(MessageStatus.DELIVERED),
                MessageStatus.rankSql("status"), REPLY_STATE, repliesFrom);
    }

    /**
     * The widest time span one by-time statement covers. It reads every row of the account in its span, so the
     * span is kept to what a batch of fresh sends covers; a busy account sends well under a million messages in
     * it, and reading their ids costs less than the lookup of a chunk.
     */
    static final Duration MAX_SPAN = Duration.ofMinutes(15);

    /** Fewer MT messages than this in a span are looked up instead: a statement of their own would not pay off. */
    static final int MIN_BY_TIME = 64;

    /** An MT message of the batch being ingested, with the time it is stored under. */
    public record BatchMessage(String messageId, Instant eventTime) {
    }

    private final Store store;
    private final int chunk;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public StatusRecompute(Store store, RastroProperties properties) {
        this.store = store;
        this.chunk = Math.max(1, properties.ingest().recomputeChunk());
    }

    /**
     * Recomputes the current rows of the account's messages: those of the batch itself (whose stored time is known)
     * and any other ids (status events for messages sent earlier). Ids without an MT row stay parked.
     *
     * <p>Finding a stored row through the lookup table costs a probe per id; for the batch's own messages, which
     * arrive close together in time, a span of the sort key finds them with no probe at all. Messages spread too
     * thinly over time go through the lookup like the others.
     */
    public void recompute(String accountId, List<BatchMessage> batchMessages, Collection<String> otherIds) {
        var byLookup = new ArrayList<>(otherIds);
        var sorted = batchMessages.stream().sorted(Comparator.comparing(BatchMessage::eventTime)).toList();
        for (int start = 0; start < sorted.size(); ) {
            var from = sorted.get(start).eventTime();
            var end = start;
            while (end < sorted.size() && end - start < chunk
                    && !sorted.get(end).eventTime().isAfter(from.plus(MAX_SPAN))) {
                end++;
            }
            var span = sorted.subList(start, end);
            if (span.size() >= MIN_BY_TIME) {
                for (var part : SqlValues.chunks(span, chunk, BatchMessage::messageId)) {
                    run(accountId, Sql.of(BY_TIME).bind("ids", part.stream().map(BatchMessage::messageId).toList())
                            .bind("from", part.getFirst().eventTime()).bind("to", part.getLast().eventTime()));
                }
            } else {
                span.forEach(m -> byLookup.add(m.messageId()));
            }
            start = end;
        }
        for (var part : SqlValues.chunks(byLookup, chunk, id -> id)) {
            run(accountId, Sql.of(BY_LOOKUP).bind("ids", part));
        }
    }

    /**
     * Deletes the rows a status webhook created (content type UNKNOWN) for messages whose platform MT is about to be
     * stored under its own time. Under the account's lock, so no recompute running at the same time can write the
     * created row again; a recompute after it finds only the platform's row.
     */
    public void retire(String accountId, List<BatchMessage> created) {
        if (created.isEmpty()) {
            return;
        }
        var lock = locks.computeIfAbsent(accountId, k -> new ReentrantLock());
        lock.lock();
        try {
            // Cut by id to what a server accepts in one parameter; a part's times are its own messages' times.
            for (var part : SqlValues.chunks(created, created.size(), BatchMessage::messageId)) {
                store.execute(Sql.of("""
                                DELETE FROM rastro.messages
                                WHERE account_id = {account:String}
                                  AND event_time IN {times:Array(DateTime64(3, 'UTC'))}
                                  AND message_id IN {ids:Array(String)}
                                  AND content_type = 'UNKNOWN'""").bind("account", accountId)
                        .bind("times", part.stream().map(BatchMessage::eventTime).distinct().toList())
                        .bind("ids", part.stream().map(BatchMessage::messageId).distinct().toList()));
            }
        } finally {
            lock.unlock();
        }
    }

    private void run(String accountId, Sql statement) {
        // The version is the engine's clock when the statement starts, which is before it reads the events: a
        // recompute that read the events before another batch's insert started before that insert returned, so
        // before the recompute that batch triggers, and has the lower version, whichever instance ran either. With
        // the JVM's clock instead (io.rastro.store.RowVersions, as the tables written from Java use), two
        // instances' clocks could disagree by more than that gap and FINAL would keep the stale row. The lock only spares the engine duplicate work for one account within this instance.
        var lock = locks.computeIfAbsent(accountId, k -> new ReentrantLock());
        lock.lock();
        try {
            store.execute(statement.bind("account", accountId));
        } finally {
            lock.unlock();
        }
    }
}
