package io.rastro.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a verified OIDC access token into a {@link RastroPrincipal}, reading the claims named by
 * {@link SecuritySettings.Jwt}. A token without an account, with an unknown role or with malformed subaccounts is
 * refused (401) rather than guessed at: the identity provider, not this service, decides who sees what, so a
 * missing claim is a configuration error to surface, never a reason to widen or narrow a scope silently.
 *
 * <p>Roles: ADMIN (every subaccount, token management), SUBACCOUNT_USER (the listed subaccounts; none listed: sees
 * nothing) and READ_TOKEN (the listed subaccounts; none listed: all, as for API tokens). Ingestion stays with
 * {@code rst_} tokens.
 */
public class JwtPrincipalConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Set<Role> ROLES = Set.of(Role.ADMIN, Role.SUBACCOUNT_USER, Role.READ_TOKEN);

    private final SecuritySettings.Jwt claims;

    public JwtPrincipalConverter(SecuritySettings.Jwt claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        var principal = principal(jwt);
        return UsernamePasswordAuthenticationToken.authenticated(principal, jwt, principal.authorities());
    }

    public RastroPrincipal principal(Jwt jwt) {
        var account = text(jwt.getClaims().get(claims.accountClaim()));
        if (account == null) {
            throw invalid("has no '" + claims.accountClaim() + "' claim");
        }
        var roleText = text(jwt.getClaims().get(claims.roleClaim()));
        Role role;
        try {
            role = roleText == null ? null : Role.valueOf(roleText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            role = null;
        }
        if (role == null || !ROLES.contains(role)) {
            throw invalid("has no '" + claims.roleClaim() + "' claim of ADMIN, SUBACCOUNT_USER or READ_TOKEN");
        }
        var name = text(jwt.getClaims().get(claims.nameClaim()));
        if (name == null) {
            name = jwt.getSubject() != null ? jwt.getSubject() : account;
        }
        var subaccounts = role == Role.ADMIN ? Set.<String>of() : subaccounts(jwt.getClaims().get(claims.subaccountsClaim()));
        return new RastroPrincipal(name, account, role, subaccounts);
    }

    private Set<String> subaccounts(Object claim) {
        if (claim == null) {
            return Set.of();
        }
        if (!(claim instanceof Collection<?> values)) {
            throw invalid("has a '" + claims.subaccountsClaim() + "' claim that is not a list");
        }
        var out = new LinkedHashSet<String>();
        for (var value : values) {
            var id = text(value);
            if (id == null) {
                throw invalid("has a '" + claims.subaccountsClaim() + "' claim with an empty or non-text entry");
            }
            out.add(id);
        }
        return out;
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    private static InvalidBearerTokenException invalid(String why) {
        return new InvalidBearerTokenException("The access token " + why + ".");
    }
}
