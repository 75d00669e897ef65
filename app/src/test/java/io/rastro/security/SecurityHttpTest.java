package io.rastro.security;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP edge: CSRF for cookie sessions, health details, and what each kind of Authorization header gets. */
@IntegrationTest
class SecurityHttpTest {

    static final String ME = "{ me { name } }";

    @LocalServerPort
    int port;

    @Test
    void aCookieSessionNeedsItsCsrfTokenAnAuthorizationHeaderDoesNot() {
        var http = Http.to(port);
        var page = http.get("/login", Map.of());
        var signedIn = http.form("/login", Map.of("Cookie", page.cookie("JSESSIONID").orElseThrow()),
                Map.of("username", DemoIdentities.CARLA, "password", DemoIdentities.PASSWORD, "_csrf", page.csrfField()));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        var session = Map.of("Cookie", signedIn.cookie("JSESSIONID").orElseThrow());

        var forged = http.graphQl(session, ME);
        assertThat(forged.status()).as("a cross-site POST riding the session cookie").isEqualTo(403);
        assertThat(forged.body()).contains("\"error\":\"FORBIDDEN\"").contains("CSRF").doesNotContain(DemoIdentities.CARLA);

        var token = http.get("/login", session).csrfField();
        var withToken = http.post("/graphql", Map.of("Cookie", session.get("Cookie"), "X-CSRF-TOKEN", token),
                "application/json", "{\"query\":\"" + ME + "\"}");
        assertThat(withToken.status()).as("the same session with its CSRF token").isEqualTo(200);
        assertThat(withToken.body()).contains(DemoIdentities.CARLA);

        var basic = http.graphQl(Map.of("Authorization", Clients.basic(DemoIdentities.CARLA)), ME);
        assertThat(basic.status()).isEqualTo(200);
        assertThat(basic.body()).contains(DemoIdentities.CARLA);
        var bearer = http.graphQl(Map.of("Authorization", Clients.bearer(DemoIdentities.ACME_BI_TOKEN),
                "Cookie", "JSESSIONID=whatever"), ME);
        assertThat(bearer.status()).as("an Authorization header skips CSRF even with a cookie").isEqualTo(200);
    }

    @Test
    void aCrossSiteFormCannotPostGraphQlEvenWithBrowserCachedBasicCredentials() {
        // CSRF is skipped when an Authorization header is present, and a browser re-sends Basic credentials it has
        // cached by itself. What keeps that safe: a cross-site form can only send form or text bodies, and the
        // GraphQL endpoint executes JSON only (sending JSON cross-site needs a CORS preflight, which is not granted).
        var basic = Map.of("Authorization", Clients.basic(DemoIdentities.ANA));
        for (var contentType : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            var response = Http.to(port).post("/graphql", basic, contentType, "{\"query\":\"" + ME + "\"}");
            assertThat(response.status()).as(contentType).isGreaterThanOrEqualTo(400);
            assertThat(response.body()).as(contentType).doesNotContain(DemoIdentities.ANA);
        }
        var preflight = Http.to(port).send("OPTIONS", "/graphql", Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,authorization"));
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void anAnonymousPostIsUnauthorizedNotACsrfFailure() {
        var anonymous = Http.to(port).graphQl(Map.of(), ME);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo("{\"error\":\"UNAUTHORIZED\",\"message\":\"Authentication is required.\"}");
        assertThat(Http.to(port).form("/login", Map.of(), Map.of("username", DemoIdentities.CARLA,
                "password", DemoIdentities.PASSWORD)).status()).as("the login form itself stays CSRF-protected")
                .isEqualTo(403);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String body) {
        return JsonMapper.shared().readValue(body, Map.class);
    }

    /**
     * Health details (engine version, data dir, disk) are for administrators only; everyone else, signed in or
     * not, another tenant's ingestion token included, sees UP or DOWN and nothing more. /actuator/info likewise.
     */
    @Test
    void healthDetailsAndInfoAreForAdministratorsOnly() {
        var anonymous = Http.to(port).get("/actuator/health", Map.of());
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(json(anonymous.body())).containsEntry("status", "UP").doesNotContainKeys("components", "details");
        assertThat(anonymous.body()).doesNotContain("chDB").doesNotContain("dataDir").doesNotContain("embedded");
        assertThat(Http.to(port).get("/actuator/health/liveness", Map.of()).body()).doesNotContain("dataDir");

        for (var authorization : new String[] {Clients.basic(DemoIdentities.CARLA), Clients.bearer(DemoIdentities.ACME_BI_TOKEN),
                Clients.bearer(DemoIdentities.GLOBEX_INGEST_TOKEN)}) {
            var plain = Http.to(port).get("/actuator/health", Map.of("Authorization", authorization));
            assertThat(plain.status()).isEqualTo(200);
            // the probe groups' names, and nothing about the engine
            assertThat(json(plain.body())).containsEntry("status", "UP").doesNotContainKeys("components", "details");
            assertThat(plain.body()).doesNotContain("dataDir").doesNotContain("embedded").doesNotContain("disk");
            assertThat(Http.to(port).get("/actuator/info", Map.of("Authorization", authorization)).status())
                    .isEqualTo(403);
        }
        assertThat(Http.to(port).get("/actuator/info", Map.of()).status()).isEqualTo(401);
        assertThat(Http.to(port).get("/actuator/info", Map.of("Authorization", Clients.basic(DemoIdentities.ANA)))
                .body()).contains("Rastro");
        for (var authorization : new String[] {Clients.basic(DemoIdentities.ANA), Clients.basic(DemoIdentities.BRUNO)}) {
            var detailed = Http.to(port).get("/actuator/health", Map.of("Authorization", authorization));
            assertThat(detailed.status()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            var store = (Map<String, Object>) ((Map<String, Object>) json(detailed.body()).get("components")).get("store");
            assertThat(store).containsEntry("status", "UP");
            assertThat((Map<String, Object>) store.get("details")).containsEntry("engine", "embedded")
                    .containsKeys("version", "dataDir");
        }
    }

    static Stream<Arguments> authorizationHeaders() {
        return Stream.of(
                Arguments.of("no header", null, 401, "Authentication is required."),
                Arguments.of("a JWT while no resource server is configured", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
                        401, "Authentication is required."),
                Arguments.of("an unknown rst_ token", "Bearer rst_00000000.nope", 401, "The API token is not valid or was revoked."),
                Arguments.of("an rst_ token without a secret", "Bearer rst_acmebi00", 401, "The API token is not valid or was revoked."),
                Arguments.of("the right id with a wrong secret", "Bearer rst_acmebi00.demo-acme-bi-secret-0002", 401,
                        "The API token is not valid or was revoked."),
                Arguments.of("Basic that is not base64", "Basic %%%", 401, "Authentication is required."),
                Arguments.of("an unknown scheme", "Digest username=\"ana\"", 401, "Authentication is required."),
                Arguments.of("the demo read token", "Bearer " + DemoIdentities.ACME_BI_TOKEN, 200, "acmebi00"),
                Arguments.of("lower-case bearer", "bearer " + DemoIdentities.ACME_BI_TOKEN, 200, "acmebi00"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("authorizationHeaders")
    void eachKindOfAuthorizationHeader(String why, String authorization, int status, String bodyContains) {
        var response = Http.from(port, "127.0.0.21").graphQl(
                authorization == null ? Map.of() : Map.of("Authorization", authorization), ME);
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body()).contains(bodyContains);
    }
}
