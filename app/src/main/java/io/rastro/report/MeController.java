package io.rastro.report;

import io.rastro.security.CurrentPrincipal;
import io.rastro.security.Role;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import java.util.List;

/**
 * {@code me}: who the caller is and what they may see. It lives with the report, not in security, because it names
 * the subaccounts through the report's {@link Directory}; security stays below the report and imports nothing of it.
 */
@Controller
public class MeController {

    private final Directory directory;

    public MeController(Directory directory) {
        this.directory = directory;
    }

    public record Me(String name, Account account, Role role, List<Subaccount> subaccounts) {
    }

    public record Account(String id, String name) {
    }

    public record Subaccount(String id, String name) {
    }

    @QueryMapping
    @PreAuthorize("isAuthenticated()")
    public Me me() {
        var p = CurrentPrincipal.require();
        var names = directory.subaccountNames(p.accountId());
        var scope = p.scope();
        var visible = names.entrySet().stream().filter(e -> scope.allows(e.getKey()))
                .map(e -> new Subaccount(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparing(Subaccount::id)).toList();
        return new Me(p.name(), new Account(p.accountId(), directory.accountName(p.accountId())), p.role(), visible);
    }
}
