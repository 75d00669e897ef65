package io.rastro.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OIDC resource server, on: an RSA key pair generated here stands in for the identity provider, and its public
 * key is configured as {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. That property makes
 * this the one test class with a context (and so a store on the same data directory) of its own.
 */
@IntegrationTest
class JwtResourceServerTest {

    static final KeyPair PROVIDER = rsa();
    static final KeyPair STRANGER = rsa();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void resourceServer(DynamicPropertyRegistry registry) throws IOException {
        var pem = Files.createTempFile("rastro-test-idp-", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(PROVIDER.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> pem.toUri().toString());
    }

    static KeyPair rsa() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String jwt(KeyPair keys, Map<String, Object> claims, Duration expiresIn) {
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var set = new JWTClaimsSet.Builder().subject("dora@acme.example").issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(expiresIn)));
        claims.forEach(set::claim);
        var signed = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), set.build());
        try {
            signed.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return signed.serialize();
    }

    static String jwt(Map<String, Object> claims) {
        return jwt(PROVIDER, claims, Duration.ofMinutes(5));
    }

    static Map<String, Object> period() {
        return Map.of("from", Instant.now().minus(30, ChronoUnit.DAYS).toString(), "to", Instant.now().toString());
    }

    @Test
    void anAdminTokenSeesTheWholeAccountAndManagesItsTokens() {
        var admin = Clients.graphQl(port, "Bearer " + jwt(Map.of("account", "acme", "role", "ADMIN")));
        admin.documentName("me").execute()
                .path("me.name").entity(String.class).isEqualTo("dora@acme.example")
                .path("me.role").entity(String.class).isEqualTo("ADMIN")
                .path("me.account.id").entity(String.class).isEqualTo("acme")
                .path("me.subaccounts[*].id").entityList(String.class)
                .containsExactly("acme-marketing", "acme-sales", "acme-support");
        admin.documentName("security/apiTokens").execute()
                .path("apiTokens[*].id").entityList(String.class).contains("acmebi00").doesNotContain("globexi0");
    }

    @Test
    void aSubaccountUserTokenSeesOnlyItsSubaccounts() {
        var user = Clients.graphQl(port, "Bearer " + jwt(Map.of("account", "acme", "role", "SUBACCOUNT_USER",
                "subaccounts", List.of("acme-support"))));
        user.documentName("me").execute()
                .path("me.role").entity(String.class).isEqualTo("SUBACCOUNT_USER")
                .path("me.subaccounts[*].id").entityList(String.class).containsExactly("acme-support");
        user.documentName("security/scopedMessages")
                .variable("input", Map.of("filter", Map.of("period", period()), "first", 200)).execute()
                .path("messages.edges[*].node.subaccount.id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).isNotEmpty().containsOnly("acme-support"));
        user.documentName("security/scopedMessages")
                .variable("input", Map.of("filter", Map.of("period", period(), "subaccounts", List.of("acme-sales"))))
                .execute().errors().expect(e -> "FORBIDDEN".equals(String.valueOf(e.getErrorType()))).verify();
        user.documentName("security/apiTokens").execute().errors()
                .expect(e -> "FORBIDDEN".equals(String.valueOf(e.getErrorType()))).verify();
    }

    @Test
    void aReadTokenReadsItsOwnAccountOnly() {
        var reader = Clients.graphQl(port, "Bearer " + jwt(Map.of("account", "globex", "role", "READ_TOKEN")));
        reader.documentName("security/scopedMessages")
                .variable("input", Map.of("filter", Map.of("period", period()), "first", 200)).execute()
                .path("messages.edges[*].node.subaccount.id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).isNotEmpty().allMatch(id -> id.startsWith("globex-")));
        reader.documentName("security/apiTokens").execute().errors()
                .expect(e -> "FORBIDDEN".equals(String.valueOf(e.getErrorType()))).verify();
    }

    static Stream<Arguments> rejected() {
        var good = Map.<String, Object>of("account", "acme", "role", "ADMIN");
        return Stream.of(
                Arguments.of("expired", jwt(PROVIDER, good, Duration.ofMinutes(-5))),
                Arguments.of("signed by another key", jwt(STRANGER, good, Duration.ofMinutes(5))),
                Arguments.of("tampered claims", tamper(jwt(Map.of("account", "acme", "role", "READ_TOKEN")))),
                Arguments.of("unsigned (alg none)", "eyJhbGciOiJub25lIn0.eyJhY2NvdW50IjoiYWNtZSIsInJvbGUiOiJBRE1JTiJ9."),
                Arguments.of("no account claim", jwt(Map.of("role", "ADMIN"))),
                Arguments.of("an unknown role", jwt(Map.of("account", "acme", "role", "SUPERUSER"))),
                Arguments.of("ingestion role", jwt(Map.of("account", "acme", "role", "INGEST_TOKEN"))),
                Arguments.of("not a JWT at all", "not-a-jwt"));
    }

    /** Swaps the payload for one claiming ADMIN while keeping the READ_TOKEN signature. */
    static String tamper(String token) {
        var parts = token.split("\\.");
        var payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("READ_TOKEN", "ADMIN");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void badAccessTokensAre401WithTheSameJsonBody(String why, String token) {
        var response = Http.to(port).graphQl(Map.of("Authorization", "Bearer " + token), "{ me { name } }");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\":\"UNAUTHORIZED\",\"message\":"
                + "\"The access token is not valid, has expired or lacks the claims this service needs.\"}");
        assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    }

    @Test
    void rastroTokensAndPasswordsStillWorkBesideTheResourceServer() {
        Clients.graphQl(port, Clients.bearer(DemoIdentities.ACME_BI_TOKEN)).documentName("me").execute()
                .path("me.role").entity(String.class).isEqualTo("READ_TOKEN");
        Clients.as(port, DemoIdentities.CARLA).documentName("me").execute()
                .path("me.name").entity(String.class).isEqualTo(DemoIdentities.CARLA);
        var badRastroToken = Http.to(port).graphQl(Map.of("Authorization", "Bearer rst_acmebi00.wrong"), "{ me { name } }");
        assertThat(badRastroToken.status()).isEqualTo(401);
        assertThat(badRastroToken.body()).contains("The API token is not valid or was revoked.");
        assertThat(Http.to(port).get("/actuator/health", Map.of("Authorization", "Bearer " + jwt(
                Map.of("account", "acme", "role", "ADMIN")))).body()).as("health details for a JWT administrator")
                .contains("dataDir");
        assertThat(Http.to(port).get("/actuator/health", Map.of("Authorization", "Bearer " + jwt(
                Map.of("account", "acme", "role", "READ_TOKEN")))).body()).as("no details for a JWT read token")
                .doesNotContain("dataDir");
    }
}
