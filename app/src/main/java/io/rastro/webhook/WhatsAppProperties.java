package io.rastro.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * WhatsApp Cloud API webhook settings, under {@code rastro.whatsapp.*}.
 *
 * @param verifyToken    the token Meta's verification handshake must present ({@code hub.verify_token}); unset:
 *                       every handshake is refused
 * @param appSecrets     the Meta app secrets bodies may be signed with; more than one while a secret is rotated.
 *                       None: every POST is refused (401)
 * @param maxBodySize    the largest body accepted (more: 413); Meta's bodies are a few KB
 * @param maxGroupEvents events one group commit takes at most; the rest wait for the next group
 * @param groupLinger    without a journal: how long the storing thread waits, once a request arrives, for others to
 *                       join its group: fewer, larger inbox inserts (each costs the engine much the same CPU whatever
 *                       its size) for at most this much more latency
 * @param journal        whether a group is answered once it is in the instance's journal ({@link WebhookJournal}),
 *                       and stored in the inbox by its apply, rather than answered once in the inbox; on where a
 *                       journal directory is known
 * @param journalDir     the journal's directory: unset, {@code <rastro.data-dir>/webhook-journal} with the embedded
 *                       engine (the store's own disk) and no journal with a ClickHouse server, where it must be set
 *                       to a volume that outlives the instance
 * @param maxApplyEvents events one apply takes at most (the groups stored while the last apply ran, together)
 * @param applyInterval  how long after an apply starts the next one starts at the earliest (sooner when the backlog
 *                       fills one): the apply's statements cost nearly as much for a few events as for thousands
 * @param maxBacklogEvents events stored (in the journal or the inbox) and not yet applied, at most; past it requests
 *                       wait for the apply (then 503), so the heap holds a bounded backlog
 * @param maxBacklogBytes bodies journaled and not yet in the inbox, at most, in bytes (the heap holds them until their
 *                       apply stores them there); past it requests wait as above
 * @param recoveryInterval how often the inbox is searched for groups stored and never applied
 * @param recoveryAge    how long ago a group must have been stored to be applied again from the inbox: longer than
 *                       any instance takes to apply what it stored
 * @param answerTimeout  how long a request waits for its group to be stored before answering 503
 * @param routeCacheTtl  how long a number's route is remembered; registering or removing through Rastro counts at once
 * @param maxReplay      unrouted changes one replay call takes at most (call again for the rest); they are held in
 *                       the heap while replayed, a few KB each
 */
@ConfigurationProperties("rastro.whatsapp")
public record WhatsAppProperties(
        String verifyToken,
        @DefaultValue List<String> appSecrets,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("5000") int maxGroupEvents,
        @DefaultValue("5ms") Duration groupLinger,
        @DefaultValue("true") boolean journal,
        Path journalDir,
        @DefaultValue("20000") int maxApplyEvents,
        @DefaultValue("1s") Duration applyInterval,
        @DefaultValue("20000") int maxBacklogEvents,
        @DefaultValue("64MB") DataSize maxBacklogBytes,
        @DefaultValue("30s") Duration recoveryInterval,
        @DefaultValue("60s") Duration recoveryAge,
        @DefaultValue("20s") Duration answerTimeout,
        @DefaultValue("10s") Duration routeCacheTtl,
        @DefaultValue("2000") int maxReplay) {

    public WhatsAppProperties {
        appSecrets = appSecrets == null ? List.of()
                : appSecrets.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
