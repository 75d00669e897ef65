package io.rastro;

import io.rastro.demo.DemoIdentities;
import io.rastro.security.ApiTokens;
import io.rastro.security.Role;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Tenants a test class writes for itself, so its events never mix with the demo data other tests count: an
 * account with subaccounts, an ingestion token and people (password {@code demo}).
 */
public final class TestTenants {

    private TestTenants() {
    }

    public static void account(Store store, String account, List<String> subaccounts) {
        store.execute(Sql.of("INSERT INTO rastro.accounts (account_id, name, version) SELECT {a:String}, {a:String}, 1")
                .bind("a", account));
        for (var s : subaccounts) {
            store.execute(Sql.of("INSERT INTO rastro.subaccounts (account_id, subaccount_id, name, version) "
                    + "SELECT {a:String}, {s:String}, {s:String}, 1").bind("a", account).bind("s", s));
        }
    }

    /** An API token given as its bearer value {@code rst_<id>.<secret>}. */
    public static void token(ApiTokens tokens, String account, String bearer, Role role) {
        var body = bearer.substring(ApiTokens.PREFIX.length());
        var dot = body.indexOf('.');
        tokens.insert(body.substring(0, dot), account, "tests", role, Set.of(), "tests", body.substring(dot + 1),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A person: an ADMIN with no subaccounts listed, or a SUBACCOUNT_USER limited to the ones given. */
    public static void person(Store store, String account, String email, Role role, List<String> subaccounts) {
        store.execute(Sql.of("""
                        INSERT INTO rastro.users (user_id, account_id, display_name, password_hash, role, subaccounts, version)
                        SELECT {u:String}, {a:String}, {u:String}, {h:String}, {r:String}, {s:Array(String)}, 1""")
                .bind("u", email).bind("a", account).bind("h", new BCryptPasswordEncoder().encode(DemoIdentities.PASSWORD))
                .bind("r", role).bind("s", subaccounts));
    }
}
