package io.rastro.security;

import java.util.Set;

/**
 * The rows a caller may see: one account, and within it either every subaccount or only the named ones.
 * Derived from the authenticated principal only; query builders add it to every statement.
 *
 * @param accountId      the tenant
 * @param subaccounts    the subaccounts allowed when {@code allSubaccounts} is false (may be empty: sees nothing)
 * @param allSubaccounts true for account administrators and unrestricted tokens
 */
public record TenantScope(String accountId, Set<String> subaccounts, boolean allSubaccounts) {

    public TenantScope {
        if (accountId == null || accountId.isBlank()) {
            throw new IllegalArgumentException("a tenant scope needs an account");
        }
        subaccounts = Set.copyOf(subaccounts);
    }

    public static TenantScope wholeAccount(String accountId) {
        return new TenantScope(accountId, Set.of(), true);
    }

    /** True when the caller may see rows of this subaccount. */
    public boolean allows(String subaccountId) {
        return allSubaccounts || subaccounts.contains(subaccountId);
    }
}
