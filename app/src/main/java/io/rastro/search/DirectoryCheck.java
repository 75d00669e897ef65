package io.rastro.search;

import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/**
 * Which subaccounts and campaigns a filter names that the account no longer has (deleted or never there). Read
 * with FINAL and without a cache: a search must fail on the first use after something it names is gone.
 */
@Component
public class DirectoryCheck {

    private final Store store;

    public DirectoryCheck(Store store) {
        this.store = store;
    }

    public List<String> missingSubaccounts(String accountId, Collection<String> ids) {
        return missing(Sql.of("""
                SELECT subaccount_id AS id FROM rastro.subaccounts FINAL
                WHERE account_id = {account:String} AND has({ids:Array(String)}, subaccount_id) AND NOT deleted"""),
                accountId, ids);
    }

    public List<String> missingCampaigns(String accountId, Collection<String> ids) {
        return missing(Sql.of("""
                SELECT campaign_id AS id FROM rastro.campaigns FINAL
                WHERE account_id = {account:String} AND has({ids:Array(String)}, campaign_id) AND NOT deleted"""),
                accountId, ids);
    }

    private List<String> missing(Sql sql, String accountId, Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        var wanted = ids.stream().map(String::strip).distinct().toList();
        var present = new HashSet<>(store.query(sql.bind("account", accountId).bind("ids", wanted),
                row -> row.getString("id")));
        var out = new ArrayList<String>();
        for (var id : wanted) {
            if (!present.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
