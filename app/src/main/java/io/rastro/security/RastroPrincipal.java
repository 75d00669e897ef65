package io.rastro.security;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.Collection;
import java.util.Set;

/**
 * The authenticated caller, whatever the mechanism.
 *
 * @param name        a user's e-mail, or a token's id (shown in logs and as an export's owner)
 * @param accountId   the tenant
 * @param role        what kind of caller this is
 * @param subaccounts the subaccounts the caller may see; for an ADMIN, and for a token with none listed, all
 */
public record RastroPrincipal(String name, String accountId, Role role, Set<String> subaccounts)
        implements AuthenticatedPrincipal {

    public RastroPrincipal {
        subaccounts = Set.copyOf(subaccounts);
    }

    /** Spring's name for the caller (authentication names, logs): the e-mail or token id, never the record dump. */
    @Override
    public String getName() {
        return name;
    }

    public TenantScope scope() {
        var all = role == Role.ADMIN || (role == Role.READ_TOKEN && subaccounts.isEmpty());
        return new TenantScope(accountId, all ? Set.of() : subaccounts, all);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public Collection<? extends GrantedAuthority> authorities() {
        return role.authorities().stream().map(SimpleGrantedAuthority::new).toList();
    }
}
