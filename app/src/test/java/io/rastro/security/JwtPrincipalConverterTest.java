package io.rastro.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Claims to principal, table-driven; {@link JwtResourceServerTest} runs the same over HTTP with signed tokens. */
class JwtPrincipalConverterTest {

    static final JwtPrincipalConverter DEFAULTS = new JwtPrincipalConverter(
            new SecuritySettings.Jwt("account", "subaccounts", "role", "sub"));

    static Jwt jwt(Map<String, Object> claims) {
        var builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("user-1")
                .issuedAt(Instant.parse("2026-11-20T12:00:00Z")).expiresAt(Instant.parse("2026-11-20T13:00:00Z"));
        claims.forEach(builder::claim);
        return builder.build();
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("admin sees the whole account, listed subaccounts ignored",
                        Map.of("account", "acme", "role", "ADMIN", "subaccounts", List.of("acme-sales")),
                        new RastroPrincipal("user-1", "acme", Role.ADMIN, Set.of()),
                        TenantScope.wholeAccount("acme")),
                Arguments.of("subaccount user limited to the listed subaccounts",
                        Map.of("account", "acme", "role", "SUBACCOUNT_USER", "subaccounts", List.of("acme-support")),
                        new RastroPrincipal("user-1", "acme", Role.SUBACCOUNT_USER, Set.of("acme-support")),
                        new TenantScope("acme", Set.of("acme-support"), false)),
                Arguments.of("subaccount user without subaccounts sees nothing",
                        Map.of("account", "acme", "role", "SUBACCOUNT_USER"),
                        new RastroPrincipal("user-1", "acme", Role.SUBACCOUNT_USER, Set.of()),
                        new TenantScope("acme", Set.of(), false)),
                Arguments.of("read token without subaccounts reads the whole account, like an API token",
                        Map.of("account", "globex", "role", "read_token"),
                        new RastroPrincipal("user-1", "globex", Role.READ_TOKEN, Set.of()),
                        TenantScope.wholeAccount("globex")),
                Arguments.of("read token limited to subaccounts",
                        Map.of("account", "globex", "role", "READ_TOKEN", "subaccounts", List.of("globex-ops", " globex-ops ")),
                        new RastroPrincipal("user-1", "globex", Role.READ_TOKEN, Set.of("globex-ops")),
                        new TenantScope("globex", Set.of("globex-ops"), false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void claimsBecomeAPrincipal(String why, Map<String, Object> claims, RastroPrincipal expected, TenantScope scope) {
        var authentication = DEFAULTS.convert(jwt(claims));
        assertThat(authentication.getPrincipal()).isEqualTo(expected);
        assertThat(authentication.getName()).isEqualTo("user-1");
        assertThat(authentication.isAuthenticated()).isTrue();
        assertThat(authentication.getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrderElementsOf(expected.role().authorities());
        assertThat(expected.scope()).isEqualTo(scope);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("no account", Map.of("role", "ADMIN"), "'account'"),
                Arguments.of("blank account", Map.of("account", " ", "role", "ADMIN"), "'account'"),
                Arguments.of("account not text", Map.of("account", List.of("acme"), "role", "ADMIN"), "'account'"),
                Arguments.of("no role", Map.of("account", "acme"), "'role'"),
                Arguments.of("unknown role", Map.of("account", "acme", "role", "ROOT"), "'role'"),
                Arguments.of("ingestion is for rst_ tokens", Map.of("account", "acme", "role", "INGEST_TOKEN"), "'role'"),
                Arguments.of("subaccounts not a list",
                        Map.of("account", "acme", "role", "SUBACCOUNT_USER", "subaccounts", "acme-support"), "not a list"),
                Arguments.of("subaccounts with a blank entry",
                        Map.of("account", "acme", "role", "SUBACCOUNT_USER", "subaccounts", List.of("acme-support", "")),
                        "empty or non-text"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void incompleteTokensAreRefusedNotGuessed(String why, Map<String, Object> claims, String message) {
        assertThatThrownBy(() -> DEFAULTS.convert(jwt(claims)))
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining(message);
    }

    @Test
    void claimNamesComeFromSettings() {
        var custom = new JwtPrincipalConverter(new SecuritySettings.Jwt("https://rastro.io/tenant",
                "https://rastro.io/subaccounts", "https://rastro.io/role", "email"));
        var principal = custom.principal(jwt(Map.of("https://rastro.io/tenant", "acme",
                "https://rastro.io/role", "SUBACCOUNT_USER", "https://rastro.io/subaccounts", List.of("acme-support"),
                "email", "dora@acme.example", "account", "globex", "role", "ADMIN")));
        assertThat(principal).isEqualTo(new RastroPrincipal("dora@acme.example", "acme", Role.SUBACCOUNT_USER,
                Set.of("acme-support")));
    }

    @Test
    void withoutANameClaimTheSubjectNamesTheCaller() {
        var custom = new JwtPrincipalConverter(new SecuritySettings.Jwt("account", "subaccounts", "role", "email"));
        assertThat(custom.principal(jwt(Map.of("account", "acme", "role", "ADMIN"))).name()).isEqualTo("user-1");
    }
}
