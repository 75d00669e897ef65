package io.rastro.security;

import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;

/**
 * Loads people from {@code rastro.users} (FINAL, so the newest version of a row counts). A found user is
 * remembered for {@code rastro.security.principal-cache-ttl} (see {@link FreshnessCache}): a hand edit of the
 * table, such as a narrowed scope, a deletion or a new password hash, counts within that time.
 */
@Service
public class StoreUserDetailsService implements UserDetailsService {

    private static final int MAX_CACHED = 10_000;

    private final Store store;
    private final FreshnessCache<String, RastroUserDetails> cache;

    public StoreUserDetailsService(Store store, SecuritySettings settings, Clock clock) {
        this.store = store;
        this.cache = new FreshnessCache<>(settings.principalCacheTtl(), MAX_CACHED, clock);
    }

    @Override
    public RastroUserDetails loadUserByUsername(String username) {
        return cache.get(username.strip().toLowerCase(), this::read)
                .orElseThrow(() -> new UsernameNotFoundException("bad credentials"));
    }

    /** Makes the next request read this user's row again (after an edit of {@code rastro.users}). */
    public void forget(String username) {
        cache.forget(username.strip().toLowerCase());
    }

    private Optional<RastroUserDetails> read(String userId) {
        return store.queryOne(Sql.of("""
                        SELECT user_id, account_id, toString(role) AS role, subaccounts, password_hash
                        FROM rastro.users FINAL
                        WHERE user_id = {user:String} AND NOT deleted""").bind("user", userId),
                row -> {
                    var role = Role.valueOf(row.getString("role"));
                    var subaccounts = role == Role.ADMIN ? new HashSet<String>()
                            : new HashSet<>(row.<String>getList("subaccounts"));
                    return new RastroUserDetails(new RastroPrincipal(row.getString("user_id"),
                            row.getString("account_id"), role, subaccounts), row.getString("password_hash"));
                });
    }
}
