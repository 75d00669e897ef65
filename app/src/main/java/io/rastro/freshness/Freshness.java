package io.rastro.freshness;

import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one home of the freshness rule (migration 011 keeps the rows):
 * <ul>
 *   <li>a source's watermark is the newest event time among its acknowledged batches, never later than when the
 *       batch that brought it arrived (a client's clock ahead of ours must not claim the future);</li>
 *   <li>a source is active while it delivered within {@link #ACTIVE}; {@code dataAsOf} is the oldest watermark
 *       among the active sources (the slowest feed bounds what is complete), else the newest watermark of any
 *       source (all are quiet: nothing is on its way), else none (nothing was ever ingested).</li>
 * </ul>
 * Only acknowledged batches count, so a batch still being stored never moves it. Within one source, batches count
 * in the order they are acknowledged: a client that sends batches in parallel (or a number whose webhooks two
 * instances take) moves its watermark with whichever is acknowledged last, so it should send a backlog in order
 * when it relies on the bound. A backfill through a source of its own holds {@code dataAsOf} back to its newest
 * event until it catches up or has been quiet for {@link #ACTIVE}: it is data still arriving, which is what
 * {@code dataAsOf} says.
 */
@Component
public class Freshness {

    private static final Logger log = LoggerFactory.getLogger(Freshness.class);

    /** How long a silent source still holds {@code dataAsOf} back. */
    public static final Duration ACTIVE = Duration.ofHours(24);

    /** The source of the WhatsApp Cloud API webhooks of an account. */
    public static final String WHATSAPP = "whatsapp";
    /** The source of generated demo and benchmark data. */
    public static final String DEMO = "demo";

    /** The source of an NDJSON client: one per token (or user) that posts batches. */
    public static String events(String principalName) {
        return "events:" + principalName;
    }

    /** How far one source has delivered. */
    public record Source(String name, Instant watermark, Instant lastBatchAt, boolean active) {
    }

    /** An account's freshness: its {@code dataAsOf} (null when nothing was ingested) and its sources, by name. */
    public record Report(Instant dataAsOf, List<Source> sources) {
    }

    private final Store store;

    public Freshness(Store store) {
        this.store = store;
    }

    /**
     * Records an acknowledged batch of a source: call it only after the batch's rows are stored and its current
     * rows recomputed. A failure here is logged, not thrown: the batch is stored, and a watermark left behind only
     * makes {@code dataAsOf} earlier than it could be, never later.
     */
    public void advance(String accountId, String source, Instant newestEvent, Instant receivedAt) {
        if (newestEvent == null) {
            return;
        }
        var watermark = watermark(newestEvent, receivedAt);
        try {
            store.execute(Sql.of("""
                            INSERT INTO rastro.ingest_watermarks (account_id, source, watermark, seen_at)
                            SELECT {account:String}, {source:String}, {watermark:DateTime64(3, 'UTC')},
                                   {seen:DateTime64(3, 'UTC')}""")
                    .bind("account", accountId).bind("source", source).bind("watermark", watermark)
                    .bind("seen", receivedAt));
        } catch (RuntimeException e) {
            log.warn("Watermark of source {} of account {} not recorded: {}", source, accountId, e.toString());
        }
    }

    /** The watermark a batch may claim: its newest event, never later than when it arrived. */
    public static Instant watermark(Instant newestEvent, Instant receivedAt) {
        return newestEvent.isAfter(receivedAt) ? receivedAt : newestEvent;
    }

    /**
     * Records every account's stored rows as delivered by {@code source} up to {@code at}: for data written
     * straight into the store (the demo generator), with no batches to acknowledge.
     */
    public void advanceFromStored(String source, Instant at) {
        store.execute(Sql.of("""
                        INSERT INTO rastro.ingest_watermarks (account_id, source, watermark, seen_at)
                        SELECT account_id, {source:String}, least(max(event_time), {at:DateTime64(3, 'UTC')}),
                               {at:DateTime64(3, 'UTC')}
                        FROM rastro.messages
                        GROUP BY account_id""").bind("source", source).bind("at", at));
    }

    /** The account's {@code dataAsOf}, or empty when nothing was ever ingested for it. */
    public Optional<Instant> dataAsOf(String accountId) {
        return Optional.ofNullable(report(accountId).dataAsOf());
    }

    /** The account's freshness, with each source's watermark. */
    public Report report(String accountId) {
        var since = Instant.now().minus(ACTIVE);
        var sources = new ArrayList<Source>();
        store.read(Sql.of("""
                        SELECT source, max(watermark) AS watermark, max(seen_at) AS seen_at
                        FROM rastro.ingest_watermarks
                        WHERE account_id = {account:String}
                        GROUP BY source
                        ORDER BY source""").bind("account", accountId),
                row -> {
                    var seen = row.getInstant("seen_at");
                    sources.add(new Source(row.getString("source"), row.getInstant("watermark"), seen,
                            !seen.isBefore(since)));
                });
        return new Report(dataAsOf(sources), sources);
    }

    static Instant dataAsOf(List<Source> sources) {
        var active = sources.stream().filter(Source::active).map(Source::watermark).min(Instant::compareTo);
        return active.orElseGet(() -> sources.stream().map(Source::watermark).max(Instant::compareTo).orElse(null));
    }
}
