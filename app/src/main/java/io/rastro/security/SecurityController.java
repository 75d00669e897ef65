package io.rastro.security;

import io.rastro.report.Directory;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import java.util.List;

/** {@code me}: who the caller is and what they may see. */
@Controller
public class SecurityController {

    private final Directory directory;

    public SecurityController(Directory directory) {
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
