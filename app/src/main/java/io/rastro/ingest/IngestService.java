package io.rastro.ingest;

import io.rastro.RastroProperties;
import io.rastro.freshness.Freshness;
import io.rastro.security.CurrentPrincipal;
import io.rastro.security.RastroPrincipal;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import io.rastro.web.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Takes one batch of events: validates every line while streaming it to spill files, writes nothing unless every
 * line is valid, then stores the rows and recomputes the current row of every message the batch touched.
 */
@Service
public class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final Store store;
    private final StatusRecompute recompute;
    private final IngestRepair journal;
    private final Freshness freshness;
    private final RastroProperties.Ingest limits;

    public IngestService(Store store, StatusRecompute recompute, IngestRepair journal, Freshness freshness,
                         RastroProperties properties) {
        this.store = store;
        this.recompute = recompute;
        this.journal = journal;
        this.freshness = freshness;
        this.limits = properties.ingest();
    }

    /** Ingests the NDJSON body for the caller's account (the ingestion token's; never one named by an event). */
    @PreAuthorize("hasRole('INGEST')")
    public IngestOutcome ingest(InputStream body) {
        var caller = CurrentPrincipal.require();
        var started = System.nanoTime();
        var now = Instant.now();
        var parser = new EventParser(caller.accountId(), subaccounts(caller), now);
        var rejections = new Rejections();
        var maxLines = limits.maxLines();
        var maxBytes = limits.maxBatchSize().toBytes();
        var maxLineBytes = (int) Math.min(Integer.MAX_VALUE - 16, limits.maxLineSize().toBytes());
        long events = 0;
        Instant newest = null;
        try (var spill = new Spill(now);
             var gate = new BatchGate(store, caller.accountId(), spill, rejections)) {
            var reader = new LineReader(body, maxLineBytes);
            long line = 0;
            while (reader.next()) {
                line++;
                if (line > maxLines) {
                    return new IngestOutcome.TooLarge("A batch holds at most " + maxLines
                            + " lines; nothing was written. Split it into smaller batches.");
                }
                if (reader.bytesRead() > maxBytes) {
                    return new IngestOutcome.TooLarge("A batch holds at most " + maxBytes
                            + " bytes; nothing was written. Split it into smaller batches.");
                }
                if (reader.tooLong()) {
                    rejections.add(line, "line", "The line is longer than " + maxLineBytes + " bytes.");
                    continue;
                }
                if (reader.blank()) {
                    continue;
                }
                try {
                    var event = parser.parse(reader.bytes(), 0, reader.length());
                    gate.accept(line, event);
                    events++;
                    newest = newest == null || event.time().isAfter(newest) ? event.time() : newest;
                } catch (LineRejectedException e) {
                    rejections.add(line, e.field(), e.getMessage());
                }
            }
            gate.flush();
            if (!rejections.isEmpty()) {
                return new IngestOutcome.Rejected(rejections.listed(), rejections.total());
            }
            if (events == 0) {
                throw new BadRequestException("body", "The body holds no events: send one JSON event per line.");
            }
            var validated = System.nanoTime();
            recompute.retire(caller.accountId(), gate.retired());
            // journaled, so that a stop between storing and recomputing is finished at the next start; from the
            // time the rows carry as received_at / ingested_at
            var batchStart = now;
            var batch = journal.started(caller.accountId(), batchStart);
            store(spill);
            var stored = System.nanoTime();
            var batchMessages = gate.mtMessages();
            var statusOnly = gate.statusOnlyIds();
            recompute.recompute(caller.accountId(), batchMessages, statusOnly);
            journal.finished(batch, caller.accountId(), batchStart);
            freshness.advance(caller.accountId(), Freshness.events(caller.name()), newest, now);
            var done = System.nanoTime();
            log.info("Ingested {} events for account {} ({} message rows, {} status rows, {} ids recomputed): "
                            + "validated in {} ms, stored in {} ms, recomputed in {} ms", events, caller.accountId(),
                    spill.messageRows(), spill.statusRows(), batchMessages.size() + statusOnly.size(),
                    (validated - started) / 1_000_000,
                    (stored - validated) / 1_000_000, (done - stored) / 1_000_000);
            return new IngestOutcome.Accepted(events);
        }
    }

    /**
     * Events stored by {@link #storeEvents}, or why none were: either {@code rejected} is set, or the messages whose
     * current rows the caller must still recompute ({@link StatusRecompute#recompute}) are listed,
     * with the newest event's time, for the source's watermark once they are applied
     * ({@link io.rastro.freshness.Freshness#advance}).
     */
    public record StoredEvents(IngestOutcome.Rejected rejected, List<StatusRecompute.BatchMessage> mtMessages,
                               List<String> statusOnlyIds, Instant newestEvent) {
    }

    /**
     * Stores events already parsed and validated elsewhere (the WhatsApp webhooks, whose signature authenticated
     * them) for one account, through the same gate, spill and store as a batch of {@code /api/v1/events}: one set
     * of rules for both paths. All or nothing, like a batch: when an event contradicts a stored message or an
     * earlier event, nothing is written and the rejections name events by their 1-based position in the list.
     * The recompute is left to the caller, so that it can apply several stored lists in one.
     */
    public StoredEvents storeEvents(String accountId, List<Event> events) {
        var now = Instant.now();
        var rejections = new Rejections();
        try (var spill = new Spill(now);
             var gate = new BatchGate(store, accountId, spill, rejections)) {
            long position = 0;
            for (var event : events) {
                position++;
                try {
                    gate.accept(position, event);
                } catch (LineRejectedException e) {
                    rejections.add(position, e.field(), e.getMessage());
                }
            }
            gate.flush();
            if (!rejections.isEmpty()) {
                return new StoredEvents(new IngestOutcome.Rejected(rejections.listed(), rejections.total()), List.of(),
                        List.of(), null);
            }
            recompute.retire(accountId, gate.retired());
            store(spill);
            var newest = events.stream().map(Event::time).max(Instant::compareTo).orElse(null);
            return new StoredEvents(null, gate.mtMessages(), gate.statusOnlyIds(), newest);
        }
    }

    /**
     * Status events first: alone they change no current row (a status without its MT just waits), so if the
     * messages insert then fails, what stays behind is invisible until the same batch is sent again.
     */
    private void store(Spill spill) {
        if (spill.statusRows() > 0) {
            try (var in = spill.statuses()) {
                store.insert("INSERT INTO rastro.status_events (" + StatusRow.COLUMNS + ")", Spill.FORMAT, in);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (spill.messageRows() > 0) {
            try (var in = spill.messages()) {
                store.insert("INSERT INTO rastro.messages (" + MessageRow.COLUMNS + ")", Spill.FORMAT, in);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The account's live subaccounts, narrowed to the token's own list when it has one. */
    private Set<String> subaccounts(RastroPrincipal caller) {
        var all = new HashSet<>(store.query(Sql.of("""
                        SELECT subaccount_id FROM rastro.subaccounts FINAL
                        WHERE account_id = {account:String} AND NOT deleted""").bind("account", caller.accountId()),
                row -> row.getString("subaccount_id")));
        if (!caller.subaccounts().isEmpty()) {
            all.retainAll(caller.subaccounts());
        }
        return all;
    }
}
