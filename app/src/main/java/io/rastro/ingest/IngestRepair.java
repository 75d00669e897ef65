package io.rastro.ingest;

import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the journal of batches in flight ({@code rastro.ingest_batches}) and, at start, finishes the batches an
 * earlier process left unfinished: a kill -9 between storing a batch and recomputing its messages left 10,000
 * messages ACCEPTED while their history said DELIVERED, until the client sent the same batch again, which a client
 * that gave up never does. The recompute is a function of all of a message's events, so running it again for
 * every message whose rows arrived since the batch started repairs them, and touches nothing else.
 */
@Component
public class IngestRepair {

    private static final Logger log = LoggerFactory.getLogger(IngestRepair.class);

    /**
     * How much earlier than the batch's own start its rows' arrival times may read: they are stamped by the engine
     * (a server's clock, possibly not quite this machine's). Recomputing a few more messages changes nothing.
     */
    static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

    private final Store store;
    private final StatusRecompute recompute;
    private final Instant processStart = Instant.now();

    public IngestRepair(Store store, StatusRecompute recompute) {
        this.store = store;
        this.recompute = recompute;
    }

    /** Records that a batch of this account is about to store rows; returns its id for {@link #finished}. */
    public String started(String accountId, Instant at) {
        var id = UUID.randomUUID().toString();
        write(id, accountId, at, false, 1);
        return id;
    }

    /** Records that the batch's rows are stored and its messages recomputed. */
    public void finished(String batchId, String accountId, Instant startedAt) {
        write(batchId, accountId, startedAt, true, 2);
    }

    private void write(String id, String accountId, Instant at, boolean finished, long version) {
        store.execute(Sql.of("""
                INSERT INTO rastro.ingest_batches (batch_id, account_id, started_at, finished, version)
                SELECT {id:String}, {account:String}, {at:DateTime64(3, 'UTC')}, {finished:Bool}, {version:UInt64}""")
                .bind("id", id).bind("account", accountId).bind("at", at).bind("finished", finished)
                .bind("version", version));
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        var repaired = repairUnfinished();
        if (repaired > 0) {
            log.info("Ingest repair: {} batch(es) cut short by an earlier stop were finished", repaired);
        }
    }

    private record Unfinished(String id, String accountId, Instant startedAt) {
    }

    /**
     * Recomputes the messages of every batch started before this process and never finished, then marks it
     * finished. Batches of this process are left alone: they are still running.
     *
     * @return how many batches were repaired
     */
    public int repairUnfinished() {
        var unfinished = store.query(Sql.of("""
                        SELECT batch_id, account_id, started_at FROM rastro.ingest_batches FINAL
                        WHERE NOT finished AND started_at < {process_start:DateTime64(3, 'UTC')}
                        ORDER BY started_at""").bind("process_start", processStart),
                row -> new Unfinished(row.getString("batch_id"), row.getString("account_id"),
                        row.getInstant("started_at")));
        for (var batch : unfinished) {
            var ids = touchedSince(batch.accountId(), batch.startedAt().minus(CLOCK_SLACK));
            recompute.recompute(batch.accountId(), List.of(), ids);
            finished(batch.id(), batch.accountId(), batch.startedAt());
            log.info("Ingest repair: batch {} of account {}, started {}: {} message(s) recomputed", batch.id(),
                    batch.accountId(), batch.startedAt(), ids.size());
        }
        return unfinished.size();
    }

    /** The ids of the account's status events and MT messages stored since {@code since}. */
    private List<String> touchedSince(String accountId, Instant since) {
        var ids = new ArrayList<String>();
        store.read(Sql.of("""
                        SELECT DISTINCT message_id FROM
                        (
                            SELECT message_id FROM rastro.status_events
                            WHERE account_id = {account:String} AND received_at >= {since:DateTime64(3, 'UTC')}
                            UNION ALL
                            SELECT message_id FROM rastro.messages
                            WHERE account_id = {account:String} AND direction = 'MT'
                              AND ingested_at >= {since:DateTime64(3, 'UTC')}
                        )""").bind("account", accountId).bind("since", since),
                row -> ids.add(row.getString("message_id")));
        return ids;
    }
}
