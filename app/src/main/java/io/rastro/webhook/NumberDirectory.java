package io.rastro.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import io.rastro.Caches;
import io.rastro.store.RowVersions;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code rastro.whatsapp_numbers}: which account and subaccount each business number belongs to. Every webhook
 * change asks for its number's route, so routes are remembered for {@code rastro.whatsapp.route-cache-ttl}; a
 * register or remove through Rastro replaces the remembered route at once.
 */
@Component
class NumberDirectory {

    /** A registered number. */
    record Number(String phoneNumberId, String wabaId, String accountId, String subaccountId,
                  String displayPhoneNumber, String registeredBy, Instant registeredAt) {

        Route route() {
            return new Route(accountId, subaccountId);
        }
    }

    private static final String COLUMNS = "phone_number_id, waba_id, account_id, subaccount_id, display_phone_number, "
            + "registered_by, registered_at";

    /** Routes by number, an unregistered number's (empty) too; bounded, so made-up numbers cannot grow the heap. */
    private final Cache<String, Optional<Route>> routes;
    private final Store store;

    NumberDirectory(Store store, WhatsAppProperties properties, Clock clock) {
        this.store = store;
        this.routes = Caches.expiring(properties.routeCacheTtl(), 100_000, clock);
    }

    /** The route of a number; empty when nobody holds it. */
    Optional<Route> route(String phoneNumberId) {
        var remembered = routes.getIfPresent(phoneNumberId);
        if (remembered != null) {
            return remembered;
        }
        var route = find(phoneNumberId).map(Number::route);
        routes.put(phoneNumberId, route);
        return route;
    }

    Optional<Number> find(String phoneNumberId) {
        return store.queryOne(Sql.of("SELECT " + COLUMNS + " FROM rastro.whatsapp_numbers FINAL "
                + "WHERE phone_number_id = {n:String} AND NOT deleted").bind("n", phoneNumberId), NumberDirectory::row);
    }

    List<Number> list(String accountId) {
        return store.query(Sql.of("SELECT " + COLUMNS + " FROM rastro.whatsapp_numbers FINAL "
                + "WHERE account_id = {a:String} AND NOT deleted ORDER BY phone_number_id").bind("a", accountId),
                NumberDirectory::row);
    }

    void save(Number number) {
        write(number, false);
    }

    void remove(Number number) {
        write(number, true);
    }

    private void write(Number n, boolean deleted) {
        store.execute(Sql.of("""
                        INSERT INTO rastro.whatsapp_numbers (phone_number_id, waba_id, account_id, subaccount_id,
                            display_phone_number, registered_by, registered_at, version, deleted)
                        SELECT {n:String}, {w:String}, {a:String}, {s:String}, {d:String}, {by:String},
                               {at:DateTime64(3, 'UTC')}, {v:UInt64}, {del:Bool}""")
                .bind("n", n.phoneNumberId()).bind("w", n.wabaId()).bind("a", n.accountId())
                .bind("s", n.subaccountId()).bind("d", n.displayPhoneNumber()).bind("by", n.registeredBy())
                .bind("at", n.registeredAt()).bind("v", RowVersions.next()).bind("del", deleted));
        routes.put(n.phoneNumberId(), deleted ? Optional.empty() : Optional.of(n.route()));
    }

    private static Number row(com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader r) {
        return new Number(r.getString("phone_number_id"), r.getString("waba_id"), r.getString("account_id"),
                r.getString("subaccount_id"), r.getString("display_phone_number"), r.getString("registered_by"),
                r.getInstant("registered_at"));
    }
}
