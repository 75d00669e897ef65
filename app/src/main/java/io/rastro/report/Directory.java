package io.rastro.report;

import com.github.benmanes.caffeine.cache.Cache;
import io.rastro.Caches;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Names of an account's subaccounts for report rows, cached for a short while (they rarely change). */
@Component
public class Directory {

    private static final Duration TTL = Duration.ofSeconds(30);

    private final Store store;
    /** Accounts are few; the bound only keeps made-up account ids from growing the heap. */
    private final Cache<String, Map<String, String>> cache = Caches.expiring(TTL, 100_000, Clock.systemUTC());

    public Directory(Store store) {
        this.store = store;
    }

    public Map<String, String> subaccountNames(String accountId) {
        var cached = cache.getIfPresent(accountId);
        if (cached != null) {
            return cached;
        }
        return reload(accountId);
    }

    /** True when the account has this subaccount; a miss re-reads the table, so a new subaccount counts at once. */
    public boolean hasSubaccount(String accountId, String subaccountId) {
        return subaccountNames(accountId).containsKey(subaccountId) || reload(accountId).containsKey(subaccountId);
    }

    /**
     * Drops the account's cached names, so that the next read sees the table: for whoever has just changed the
     * directory and must not show a removed subaccount for the rest of the TTL.
     */
    public void forget(String accountId) {
        cache.invalidate(accountId);
    }

    private Map<String, String> reload(String accountId) {
        var names = new HashMap<String, String>();
        store.read(Sql.of("SELECT subaccount_id, name FROM rastro.subaccounts FINAL "
                        + "WHERE account_id = {account:String} AND NOT deleted").bind("account", accountId),
                row -> names.put(row.getString("subaccount_id"), row.getString("name")));
        cache.put(accountId, Map.copyOf(names));
        return names;
    }

    public String accountName(String accountId) {
        return store.queryOne(Sql.of("SELECT name FROM rastro.accounts FINAL WHERE account_id = {account:String}")
                .bind("account", accountId), row -> row.getString("name")).orElse(accountId);
    }
}
