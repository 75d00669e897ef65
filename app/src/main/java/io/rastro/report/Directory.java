package io.rastro.report;

import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Names of an account's subaccounts for report rows, cached for a short while (they rarely change). */
@Component
public class Directory {

    private static final Duration TTL = Duration.ofSeconds(30);

    private final Store store;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Directory(Store store) {
        this.store = store;
    }

    private record Cached(Map<String, String> names, Instant at) {
    }

    public Map<String, String> subaccountNames(String accountId) {
        var cached = cache.get(accountId);
        if (cached != null && cached.at().plus(TTL).isAfter(Instant.now())) {
            return cached.names();
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
        cache.remove(accountId);
    }

    private Map<String, String> reload(String accountId) {
        var names = new HashMap<String, String>();
        store.read(Sql.of("SELECT subaccount_id, name FROM rastro.subaccounts FINAL "
                        + "WHERE account_id = {account:String} AND NOT deleted").bind("account", accountId),
                row -> names.put(row.getString("subaccount_id"), row.getString("name")));
        cache.put(accountId, new Cached(Map.copyOf(names), Instant.now()));
        return names;
    }

    public String accountName(String accountId) {
        return store.queryOne(Sql.of("SELECT name FROM rastro.accounts FINAL WHERE account_id = {account:String}")
                .bind("account", accountId), row -> row.getString("name")).orElse(accountId);
    }
}
