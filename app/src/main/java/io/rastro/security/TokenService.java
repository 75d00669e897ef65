package io.rastro.security;

import io.rastro.security.ApiTokens.ApiToken;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import io.rastro.web.BadRequestException;
import io.rastro.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Token management for account administrators: list, create, revoke. The account is always the caller's; a token
 * id or subaccount of another account is answered exactly like one that does not exist (NOT_FOUND), so nothing
 * reveals what other tenants have.
 */
@Service
public class TokenService {

    private static final Logger log = LoggerFactory.getLogger(TokenService.class);
    static final int MAX_NAME = 100;
    private static final int MAX_ID = 200;
    private static final int MAX_SUBACCOUNTS = 1000;

    private final ApiTokens tokens;
    private final Store store;

    public TokenService(ApiTokens tokens, Store store) {
        this.tokens = tokens;
        this.store = store;
    }

    public record CreateApiTokenInput(String name, Role role, List<String> subaccounts) {
    }

    public record CreateApiTokenPayload(ApiToken token, String secret) {
    }

    public record RevokeApiTokenInput(String id) {
    }

    public record RevokeApiTokenPayload(ApiToken token) {
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<ApiToken> list() {
        return tokens.list(CurrentPrincipal.require().accountId());
    }

    @PreAuthorize("hasRole('ADMIN')")
    public CreateApiTokenPayload create(CreateApiTokenInput input) {
        var caller = CurrentPrincipal.require();
        var name = name(input.name());
        if (input.role() != Role.READ_TOKEN && input.role() != Role.INGEST_TOKEN) {
            throw new BadRequestException("input.role", "A token's role is READ_TOKEN or INGEST_TOKEN; people sign in "
                    + "with their own accounts.");
        }
        var subaccounts = subaccounts(input.subaccounts());
        if (input.role() == Role.INGEST_TOKEN && !subaccounts.isEmpty()) {
            throw new BadRequestException("input.subaccounts", "Only READ_TOKEN tokens can be limited to subaccounts; "
                    + "leave subaccounts out for an INGEST_TOKEN.");
        }
        requireExisting(caller.accountId(), subaccounts);
        var created = tokens.create(caller.accountId(), name, input.role(), subaccounts, caller.name());
        log.info("API token {} ({}) created for account {} by {}", created.token().id(), input.role(),
                caller.accountId(), caller.name());
        return new CreateApiTokenPayload(created.token(), created.secret());
    }

    @PreAuthorize("hasRole('ADMIN')")
    public RevokeApiTokenPayload revoke(RevokeApiTokenInput input) {
        var caller = CurrentPrincipal.require();
        var id = input.id() == null ? "" : input.id().strip();
        if (id.isEmpty() || id.length() > MAX_ID) {
            throw new BadRequestException("input.id", "A token id (the part between rst_ and the dot) is required.");
        }
        if (!tokens.revoke(caller.accountId(), id, Instant.now().truncatedTo(ChronoUnit.MILLIS))) {
            throw new NotFoundException("input.id", "No API token with id '" + shortened(id) + "' in your account.");
        }
        log.info("API token {} of account {} revoked by {}", id, caller.accountId(), caller.name());
        return new RevokeApiTokenPayload(tokens.find(caller.accountId(), id).orElseThrow());
    }

    private static String name(String raw) {
        var name = raw == null ? "" : raw.strip();
        var length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_NAME) {
            throw new BadRequestException("input.name", "A token's name has 1 to " + MAX_NAME + " characters; it has "
                    + length + ".");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new BadRequestException("input.name", "A token's name is one line of text, without control characters.");
        }
        return name;
    }

    private static Set<String> subaccounts(List<String> raw) {
        if (raw == null) {
            return Set.of();
        }
        if (raw.size() > MAX_SUBACCOUNTS) {
            throw new BadRequestException("input.subaccounts", "At most " + MAX_SUBACCOUNTS + " subaccounts may be given.");
        }
        var out = new LinkedHashSet<String>();
        for (var value : raw) {
            var id = value == null ? "" : value.strip();
            if (id.isEmpty() || id.length() > MAX_ID) {
                throw new BadRequestException("input.subaccounts", "Subaccount ids are 1 to " + MAX_ID + " characters.");
            }
            out.add(id);
        }
        return out;
    }

    /** Every subaccount must be a live one of the caller's account; others' are reported as not found. */
    private void requireExisting(String accountId, Set<String> subaccounts) {
        if (subaccounts.isEmpty()) {
            return;
        }
        var existing = new HashSet<>(store.query(Sql.of("""
                        SELECT subaccount_id FROM rastro.subaccounts FINAL
                        WHERE account_id = {account:String} AND subaccount_id IN {ids:Array(String)} AND NOT deleted""")
                .bind("account", accountId).bind("ids", List.copyOf(subaccounts)), row -> row.getString("subaccount_id")));
        for (var id : subaccounts) {
            if (!existing.contains(id)) {
                throw new NotFoundException("input.subaccounts", "No subaccount '" + shortened(id) + "' in your account.");
            }
        }
    }

    private static String shortened(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
