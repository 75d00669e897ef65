package io.rastro.webhook;

import io.rastro.security.CurrentPrincipal;
import io.rastro.store.RowVersions;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import io.rastro.web.BadRequestException;
import io.rastro.web.ConflictException;
import io.rastro.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Business numbers for account administrators: register, list, remove, and replay what arrived for a number
 * before it was registered. The account is always the caller's. A number another account holds is a CONFLICT
 * (it does not say which account); one the caller's account does not hold is NOT_FOUND.
 */
@Service
public class NumberService {

    private static final Logger log = LoggerFactory.getLogger(NumberService.class);
    /** Meta's ids are decimal numbers (15-16 digits today). */
    private static final Pattern META_ID = Pattern.compile("\\d{1,30}");
    private static final int MAX_DISPLAY = 40;
    /** Numbers one account may hold: far above any platform's, so the list stays one small answer. */
    static final int MAX_NUMBERS = 10_000;

    private final NumberDirectory numbers;
    private final Store store;
    private final WebhookService webhooks;
    private final WebhookCommitter committer;
    private final WhatsAppProperties properties;

    NumberService(NumberDirectory numbers, Store store, WebhookService webhooks, WebhookCommitter committer,
                  WhatsAppProperties properties) {
        this.numbers = numbers;
        this.store = store;
        this.webhooks = webhooks;
        this.committer = committer;
        this.properties = properties;
    }

    /** A number as the API shows it. */
    public record WhatsAppNumber(String phoneNumberId, String wabaId, String displayPhoneNumber, String subaccount,
                                 String registeredBy, OffsetDateTime registeredAt, long unroutedWaiting) {
    }

    public record RegisterWhatsAppNumberInput(String phoneNumberId, String wabaId, String subaccount,
                                              String displayPhoneNumber) {
    }

    public record RegisterWhatsAppNumberPayload(WhatsAppNumber number) {
    }

    public record RemoveWhatsAppNumberInput(String phoneNumberId) {
    }

    public record RemoveWhatsAppNumberPayload(String phoneNumberId) {
    }

    public record ReplayUnroutedWebhooksInput(String phoneNumberId) {
    }

    public record ReplayUnroutedWebhooksPayload(long replayed, long remaining) {
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<WhatsAppNumber> list() {
        var caller = CurrentPrincipal.require();
        return numbers.list(caller.accountId()).stream().map(this::view).toList();
    }

    /**
     * Serialised in this JVM, so two accounts registering one number at once cannot both get it. (Instances sharing a
     * server engine would need a shared lock; registering is rare and done by people.)
     */
    @PreAuthorize("hasRole('ADMIN')")
    public synchronized RegisterWhatsAppNumberPayload register(RegisterWhatsAppNumberInput input) {
        var caller = CurrentPrincipal.require();
        var id = metaId(input.phoneNumberId(), "input.phoneNumberId");
        var waba = metaId(input.wabaId(), "input.wabaId");
        var subaccount = input.subaccount() == null ? "" : input.subaccount().strip();
        var display = input.displayPhoneNumber() == null ? "" : input.displayPhoneNumber().strip();
        if (display.length() > MAX_DISPLAY || display.codePoints().anyMatch(Character::isISOControl)) {
            throw new BadRequestException("input.displayPhoneNumber", "At most " + MAX_DISPLAY
                    + " characters on one line.");
        }
        if (subaccount.isEmpty() || !subaccountExists(caller.accountId(), subaccount)) {
            throw new NotFoundException("input.subaccount", "No subaccount '" + io.rastro.ingest.EventParser.shorten(
                    subaccount, 40) + "' in your account.");
        }
        var held = numbers.find(id);
        if (held.isPresent() && !held.get().accountId().equals(caller.accountId())) {
            throw new ConflictException("input.phoneNumberId", "Number " + id + " is registered to another "
                    + "account; it must be removed there first.");
        }
        if (held.isEmpty() && numbers.list(caller.accountId()).size() >= MAX_NUMBERS) {
            throw new BadRequestException("input.phoneNumberId", "An account holds at most " + MAX_NUMBERS
                    + " numbers; remove one first.");
        }
        var number = new NumberDirectory.Number(id, waba, caller.accountId(), subaccount, display, caller.name(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        numbers.save(number);
        log.info("WhatsApp number {} (WABA {}) registered to {}/{} by {}", id, waba, caller.accountId(), subaccount,
                caller.name());
        return new RegisterWhatsAppNumberPayload(view(number));
    }

    @PreAuthorize("hasRole('ADMIN')")
    public synchronized RemoveWhatsAppNumberPayload remove(RemoveWhatsAppNumberInput input) {
        var caller = CurrentPrincipal.require();
        var number = held(caller.accountId(), input.phoneNumberId());
        numbers.remove(number);
        log.info("WhatsApp number {} removed from {} by {}", number.phoneNumberId(), caller.accountId(), caller.name());
        return new RemoveWhatsAppNumberPayload(number.phoneNumberId());
    }

    /** Maps and stores the kept changes of a number the caller's account holds, then marks them replayed. */
    @PreAuthorize("hasRole('ADMIN')")
    public ReplayUnroutedWebhooksPayload replay(ReplayUnroutedWebhooksInput input) {
        var caller = CurrentPrincipal.require();
        var number = held(caller.accountId(), input.phoneNumberId());
        var route = number.route();
        var hashes = new ArrayList<String>();
        var routed = new ArrayList<WebhookCommitter.Routed>();
        var unhandled = new ArrayList<WebhookCommitter.Unhandled>();
        store.stream(Sql.of("""
                        SELECT change_hash, waba_id, field, value FROM rastro.webhook_unrouted FINAL
                        WHERE phone_number_id = {n:String} AND replayed_at IS NULL
                        ORDER BY received_at, change_hash
                        LIMIT {max:UInt32}""").bind("n", number.phoneNumberId()).bind("max", properties.maxReplay()),
                row -> {
                    var hash = row.getString("change_hash");
                    var value = WebhookBody.MAPPER.readTree(row.getString("value"));
                    var change = new Change("unrouted[" + hash.substring(0, 12) + "]", row.getString("waba_id"),
                            row.getString("field"), number.phoneNumberId(), value);
                    try {
                        var mapped = WebhookReader.routedForReplay(change, route);
                        routed.addAll(mapped);
                        for (var kept : mapped.getFirst().mapped().kept()) {
                            unhandled.add(new WebhookCommitter.Unhandled(route.accountId(), number.phoneNumberId(), kept));
                        }
                    } catch (WebhookRejected e) {
                        // it was valid when it arrived; only the time bound can have moved (a day ahead is now fine)
                        unhandled.add(new WebhookCommitter.Unhandled(route.accountId(), number.phoneNumberId(),
                                e.kept(value.toString())));
                    }
                    hashes.add(hash);
                });
        if (hashes.isEmpty()) {
            return new ReplayUnroutedWebhooksPayload(0, 0);
        }
        webhooks.apply(new WebhookCommitter.Work(routed, unhandled));
        store.execute(Sql.of("""
                        INSERT INTO rastro.webhook_unrouted (phone_number_id, change_hash, waba_id, field, value,
                            received_at, replayed_at, replayed_into, version)
                        SELECT phone_number_id, change_hash, waba_id, field, value, received_at,
                               {at:DateTime64(3, 'UTC')}, {account:String}, {v:UInt64}
                        FROM rastro.webhook_unrouted FINAL
                        WHERE phone_number_id = {n:String} AND change_hash IN {hashes:Array(String)}""")
                .bind("at", Instant.now()).bind("account", route.accountId()).bind("v", RowVersions.next())
                .bind("n", number.phoneNumberId()).bind("hashes", hashes));
        log.info("Replayed {} unrouted webhook change(s) of number {} into {} for {}", hashes.size(),
                number.phoneNumberId(), route.accountId(), caller.name());
        return new ReplayUnroutedWebhooksPayload(hashes.size(), waiting(number.phoneNumberId()));
    }

    private NumberDirectory.Number held(String accountId, String rawId) {
        var id = metaId(rawId, "input.phoneNumberId");
        return numbers.find(id).filter(n -> n.accountId().equals(accountId)).orElseThrow(() ->
                new NotFoundException("input.phoneNumberId", "Number " + id + " is not registered to your account."));
    }

    private WhatsAppNumber view(NumberDirectory.Number n) {
        return new WhatsAppNumber(n.phoneNumberId(), n.wabaId(), n.displayPhoneNumber(), n.subaccountId(),
                n.registeredBy(), n.registeredAt().atOffset(ZoneOffset.UTC), waiting(n.phoneNumberId()));
    }

    private long waiting(String phoneNumberId) {
        return store.query(Sql.of("SELECT count() AS c FROM rastro.webhook_unrouted FINAL "
                + "WHERE phone_number_id = {n:String} AND replayed_at IS NULL").bind("n", phoneNumberId),
                r -> r.getLong("c")).getFirst();
    }

    private boolean subaccountExists(String accountId, String subaccount) {
        return store.query(Sql.of("""
                        SELECT count() AS c FROM rastro.subaccounts FINAL
                        WHERE account_id = {a:String} AND subaccount_id = {s:String} AND NOT deleted""")
                .bind("a", accountId).bind("s", subaccount), r -> r.getLong("c")).getFirst() > 0;
    }

    private static String metaId(String raw, String field) {
        var id = raw == null ? "" : raw.strip();
        if (!META_ID.matcher(id).matches()) {
            throw new BadRequestException(field, "Must be Meta's id: 1 to 30 digits.");
        }
        return id;
    }
}
