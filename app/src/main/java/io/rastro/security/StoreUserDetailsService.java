package io.rastro.security;

import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

import java.util.HashSet;

/** Loads people from {@code rastro.users} (FINAL, so an edit or deletion counts from the next request). */
@Service
public class StoreUserDetailsService implements UserDetailsService {

    private final Store store;

    public StoreUserDetailsService(Store store) {
        this.store = store;
    }

    @Override
    public RastroUserDetails loadUserByUsername(String username) {
        return store.queryOne(Sql.of("""
                        SELECT user_id, account_id, toString(role) AS role, subaccounts, password_hash
                        FROM rastro.users FINAL
                        WHERE user_id = {user:String} AND NOT deleted""").bind("user", username.strip().toLowerCase()),
                row -> {
                    var role = Role.valueOf(row.getString("role"));
                    var subaccounts = role == Role.ADMIN ? new HashSet<String>()
                            : new HashSet<>(row.<String>getList("subaccounts"));
                    return new RastroUserDetails(new RastroPrincipal(row.getString("user_id"),
                            row.getString("account_id"), role, subaccounts), row.getString("password_hash"));
                })
                .orElseThrow(() -> new UsernameNotFoundException("bad credentials"));
    }
}
