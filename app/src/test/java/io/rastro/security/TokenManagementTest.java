package io.rastro.security;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Token management end to end: create, use, list, revoke, over GraphQL and real HTTP. */
@IntegrationTest
class TokenManagementTest {

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    ApiTokens apiTokens;

    record Created(String id, String secret, Map<String, Object> token) {
    }

    GraphQlTester ana() {
        return Clients.as(port, DemoIdentities.ANA);
    }

    static Map<String, Object> input(String name, String role, List<String> subaccounts) {
        var input = new HashMap<String, Object>();
        input.put("name", name);
        input.put("role", role);
        if (subaccounts != null) {
            input.put("subaccounts", subaccounts);
        }
        return input;
    }

    @SuppressWarnings("unchecked")
    Created create(String name, String role, List<String> subaccounts) {
        var response = ana().documentName("security/createApiToken").variable("input", input(name, role, subaccounts))
                .execute();
        var token = response.path("createApiToken.token").entity(Map.class).get();
        var secret = response.path("createApiToken.secret").entity(String.class).get();
        return new Created((String) token.get("id"), secret, token);
    }

    @Test
    void aReadTokenLimitedToASubaccountWorksAtOnceAndSeesOnlyThatSubaccount() {
        var before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var created = create("  Support dashboard  ", "READ_TOKEN", List.of("acme-support", " acme-support"));
        assertThat(created.secret()).matches("rst_[0-9a-f]{16}\\.[0-9a-f]{48}").startsWith("rst_" + created.id() + ".");
        assertThat(created.token()).containsEntry("name", "Support dashboard").containsEntry("role", "READ_TOKEN")
                .containsEntry("subaccounts", List.of("acme-support")).containsEntry("createdBy", DemoIdentities.ANA)
                .containsEntry("revokedAt", null).containsEntry("lastUsedAt", null);
        assertThat(OffsetDateTime.parse((String) created.token().get("createdAt")).toInstant()).isAfterOrEqualTo(before);

        var asToken = Clients.graphQl(port, Clients.bearer(created.secret()));
        asToken.documentName("me").execute()
                .path("me.name").entity(String.class).isEqualTo(created.id())
                .path("me.role").entity(String.class).isEqualTo("READ_TOKEN")
                .path("me.subaccounts[*].id").entityList(String.class).containsExactly("acme-support");
        var period = Map.of("from", Instant.now().minus(30, ChronoUnit.DAYS).toString(), "to", Instant.now().toString());
        var rows = asToken.documentName("security/scopedMessages")
                .variable("input", Map.of("filter", Map.of("period", period), "first", 200)).execute();
        rows.path("messages.totalCount").entity(Long.class).satisfies(total -> assertThat(total).isPositive());
        rows.path("messages.edges[*].node.subaccount.id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).isNotEmpty().containsOnly("acme-support"));
        asToken.documentName("security/scopedMessages")
                .variable("input", Map.of("filter", Map.of("period", period, "subaccounts", List.of("acme-sales"))))
                .execute().errors().expect(e -> classified(e, "FORBIDDEN")).verify();

        var listed = ana().documentName("security/apiTokens").execute();
        listed.path("apiTokens[?(@.id == '" + created.id() + "')].lastUsedAt").entityList(String.class)
                .satisfies(at -> assertThat(OffsetDateTime.parse(at.getFirst()).toInstant()).isAfterOrEqualTo(before));
        var raw = JsonMapper.shared().writeValueAsString(listed.returnResponse().toMap());
        assertThat(raw).as("the secret is shown once, at creation")
                .doesNotContain(created.secret().substring(created.secret().indexOf('.') + 1))
                .doesNotContain(ApiTokens.sha256(created.secret().substring(created.secret().indexOf('.') + 1)));
    }

    @Test
    void onlyAHashOfTheSecretIsStored() {
        var created = create("hash check", "INGEST_TOKEN", null);
        var secretPart = created.secret().substring(created.secret().indexOf('.') + 1);
        var stored = store.queryOne(Sql.of("SELECT secret_hash FROM rastro.api_tokens FINAL WHERE token_id = {id:String}")
                .bind("id", created.id()), r -> r.getString("secret_hash")).orElseThrow();
        assertThat(stored).isEqualTo(ApiTokens.sha256(secretPart)).doesNotContain(secretPart);
        assertThat(created.token()).containsEntry("role", "INGEST_TOKEN").containsEntry("subaccounts", List.of());
    }

    @Test
    void aRevokedTokenFailsFromTheVeryNextRequest() {
        var created = create("to revoke", "READ_TOKEN", null);
        var http = Http.to(port);
        var auth = Map.of("Authorization", Clients.bearer(created.secret()));
        assertThat(http.graphQl(auth, "{ me { name } }").status()).isEqualTo(200);

        var revoked = ana().documentName("security/revokeApiToken").variable("input", Map.of("id", created.id()))
                .execute();
        var revokedAt = revoked.path("revokeApiToken.token.revokedAt").entity(String.class).get();
        revoked.path("revokeApiToken.token.id").entity(String.class).isEqualTo(created.id());

        var next = http.graphQl(auth, "{ me { name } }");
        assertThat(next.status()).isEqualTo(401);
        assertThat(next.body()).contains("\"error\":\"UNAUTHORIZED\"").doesNotContain(created.id());

        ana().documentName("security/apiTokens").execute()
                .path("apiTokens[?(@.id == '" + created.id() + "')].revokedAt").entityList(String.class)
                .containsExactly(revokedAt);
        ana().documentName("security/revokeApiToken").variable("input", Map.of("id", created.id())).execute()
                .path("revokeApiToken.token.revokedAt").entity(String.class).isEqualTo(revokedAt); // the first time stays
    }

    @Test
    void aRevocationOutranksARowWrittenWithAnyEarlierVersion() {
        // Rows written before versions were wall-clock based carry System.nanoTime() versions, which can exceed
        // today's microseconds on a long-running host. The revocation must still win under FINAL.
        var created = create("old version", "READ_TOKEN", null);
        store.execute(Sql.of("""
                INSERT INTO rastro.api_tokens SELECT token_id, account_id, name, kind, subaccounts, secret_hash,
                       created_by, created_at, revoked_at, 9000000000000000000
                FROM rastro.api_tokens FINAL WHERE token_id = {id:String}""").bind("id", created.id()));
        assertThat(apiTokens.authenticate(created.secret())).isPresent();
        ana().documentName("security/revokeApiToken").variable("input", Map.of("id", created.id())).execute()
                .path("revokeApiToken.token.revokedAt").entity(String.class).satisfies(at -> assertThat(at).isNotNull());
        assertThat(apiTokens.authenticate(created.secret())).isEmpty();
    }

    @Test
    void theListShowsTheAccountsTokensOnlyAndNeverSecrets() {
        var listed = ana().documentName("security/apiTokens").execute();
        listed.path("apiTokens[*].id").entityList(String.class).contains("acmebi00", "acmeing0")
                .doesNotContain("globexi0");
        listed.path("apiTokens[?(@.id == 'acmebi00')].name").entityList(String.class)
                .containsExactly("Acme BI export job (demo)");
        Clients.as(port, DemoIdentities.BRUNO).documentName("security/apiTokens").execute()
                .path("apiTokens[*].id").entityList(String.class).contains("globexi0").doesNotContain("acmebi00", "acmeing0");
    }

    static Stream<Arguments> invalidCreations() {
        return Stream.of(
                Arguments.of("empty name", input("", "READ_TOKEN", null), "BAD_REQUEST", "input.name"),
                Arguments.of("blank name", input("   ", "READ_TOKEN", null), "BAD_REQUEST", "input.name"),
                Arguments.of("101 characters", input("x".repeat(101), "READ_TOKEN", null), "BAD_REQUEST", "input.name"),
                Arguments.of("two lines", input("BI\njob", "READ_TOKEN", null), "BAD_REQUEST", "input.name"),
                Arguments.of("a person's role", input("admin", "ADMIN", null), "BAD_REQUEST", "input.role"),
                Arguments.of("a subaccount user's role", input("su", "SUBACCOUNT_USER", null), "BAD_REQUEST", "input.role"),
                Arguments.of("ingestion limited to subaccounts", input("ing", "INGEST_TOKEN", List.of("acme-sales")),
                        "BAD_REQUEST", "input.subaccounts"),
                Arguments.of("blank subaccount", input("bi", "READ_TOKEN", List.of(" ")), "BAD_REQUEST", "input.subaccounts"),
                Arguments.of("unknown subaccount", input("bi", "READ_TOKEN", List.of("acme-support", "acme-nowhere")),
                        "NOT_FOUND", "input.subaccounts"),
                Arguments.of("another account's subaccount", input("bi", "READ_TOKEN", List.of("globex-ops")),
                        "NOT_FOUND", "input.subaccounts"),
                Arguments.of("a deleted subaccount", input("bi", "READ_TOKEN", List.of("acme-retired")),
                        "NOT_FOUND", "input.subaccounts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCreations")
    void invalidCreationsAreRefusedAndCreateNothing(String why, Map<String, Object> input, String code, String field) {
        store.execute(Sql.of("INSERT INTO rastro.subaccounts (account_id, subaccount_id, name, version, deleted) "
                + "SELECT 'acme', 'acme-retired', 'Retired', 2, true"));
        var before = apiTokens.list(DemoIdentities.ACME).size();
        ana().documentName("security/createApiToken").variable("input", input).execute().errors()
                .expect(e -> classified(e, code.equals("NOT_FOUND") ? "NOT_FOUND" : "BAD_REQUEST")
                        && code.equals(e.getExtensions().get("code")) && field.equals(e.getExtensions().get("field"))
                        && !e.getMessage().contains("globex-retail"))
                .verify();
        assertThat(apiTokens.list(DemoIdentities.ACME)).hasSize(before);
    }

    @Test
    void hundredCharacterNamesAreFine() {
        var name = "é".repeat(100);
        assertThat(create(name, "READ_TOKEN", List.of()).token()).containsEntry("name", name)
                .containsEntry("subaccounts", List.of());
    }

    @Test
    void revokingAnUnknownOrForeignIdIsNotFoundAndEchoesOnlyTheId() {
        for (var id : List.of("globexi0", "nope0000")) {
            ana().documentName("security/revokeApiToken").variable("input", Map.of("id", id)).execute().errors()
                    .expect(e -> classified(e, "NOT_FOUND")
                            && e.getMessage().equals("No API token with id '" + id + "' in your account."))
                    .verify();
        }
        assertThat(apiTokens.authenticate(DemoIdentities.GLOBEX_INGEST_TOKEN)).isPresent();
        ana().documentName("security/revokeApiToken").variable("input", Map.of("id", " ")).execute().errors()
                .expect(e -> classified(e, "BAD_REQUEST") && "input.id".equals(e.getExtensions().get("field"))).verify();
    }

    static boolean classified(ResponseError e, String type) {
        return type.equals(String.valueOf(e.getErrorType()));
    }
}
