package io.rastro.bench;

import io.rastro.store.Sql;
import io.rastro.store.Store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facts about the data the workloads run on, and the sample values the point lookups use. Periods end at the
 * newest Acme message (rounded up to the second), so a reused data set generated days ago is queried over the
 * same 30 and 90 days as when it was fresh.
 *
 * @param end            exclusive end of every period the workloads ask for
 * @param messages       rows in rastro.messages (MT and MO; the generator fast-path tenant excluded)
 * @param acmeMessages   rows of the benchmark tenant
 * @param parts          active parts of rastro.messages (FINAL costs more with more parts)
 * @param messageId      an Acme MT message with a phone, a correlation id and a conversation id
 */
public record Dataset(Instant end, long messages, long acmeMessages, long parts, String messageId, String phone,
                      String correlationId, String conversationId) {

    public static final String TENANT = "acme";
    /** The tenant the generator fast-path workload writes to; kept out of every other figure. */
    public static final String INGEST_TENANT = "bench-ingest";

    public static Dataset inspect(Store store) {
        var newest = store.query(Sql.of("SELECT max(event_time) AS t, count() AS c FROM rastro.messages "
                + "WHERE account_id = {a:String}").bind("a", TENANT), r -> new Object[] {r.getInstant("t"), r.getLong("c")})
                .getFirst();
        var acme = (long) newest[1];
        if (acme == 0) {
            throw new IllegalStateException("No messages of account '" + TENANT + "' in the store: nothing to measure");
        }
        var end = ((Instant) newest[0]).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        var total = store.query(Sql.of("SELECT count() AS c FROM rastro.messages WHERE account_id != {i:String}")
                .bind("i", INGEST_TENANT), r -> r.getLong("c")).getFirst();
        var parts = store.query(Sql.of("SELECT count() AS c FROM system.parts WHERE database = 'rastro' "
                + "AND table = 'messages' AND active"), r -> r.getLong("c")).getFirst();
        // A recent message (its lookups are what a support agent does) chosen by a stable order, so the same
        // data set always yields the same sample.
        var sample = store.query(Sql.of("""
                SELECT message_id, contact_phone, correlation_id, conversation_id FROM rastro.messages
                WHERE account_id = {a:String} AND direction = 'MT' AND event_time >= {from:DateTime64(3, 'UTC')}
                  AND contact_phone != '' AND correlation_id != '' AND conversation_id != ''
                ORDER BY cityHash64(message_id) LIMIT 1""").bind("a", TENANT).bind("from", end.minus(2, ChronoUnit.DAYS)),
                r -> new String[] {r.getString("message_id"), r.getString("contact_phone"), r.getString("correlation_id"),
                        r.getString("conversation_id")});
        if (sample.isEmpty()) {
            throw new IllegalStateException("No recent Acme message with a phone, correlation and conversation id");
        }
        var s = sample.getFirst();
        return new Dataset(end, total, acme, parts, s[0], s[1], s[2], s[3]);
    }

    public Instant from(int days) {
        return end.minus(days, ChronoUnit.DAYS);
    }

    public Map<String, Object> toMap() {
        var out = new LinkedHashMap<String, Object>();
        out.put("messages", messages);
        out.put("acmeMessages", acmeMessages);
        out.put("activeParts", parts);
        out.put("periodEnd", end.toString());
        out.put("sampleMessageId", messageId);
        out.put("samplePhone", phone);
        out.put("sampleCorrelationId", correlationId);
        out.put("sampleConversationId", conversationId);
        return out;
    }
}
