package io.rastro.security;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages and the session rules around them, over raw HTTP: where an anonymous browser is sent, what every
 * answer's headers forbid, how a page gets its CSRF token, and which Authorization headers skip CSRF.
 */
@IntegrationTest
class ConsoleSecurityHttpTest {

    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;

    @Test
    void anAnonymousBrowserIsSentToTheSignInPageAndComesBackToItsLinkAfterSigningIn() {
        var http = Http.to(port);
        var console = http.get("/?period=last30&direction=MO", Map.of("Accept", HTML));
        assertThat(console.status()).isEqualTo(302);
        assertThat(console.header("Location")).hasValue("http://127.0.0.1:" + port + "/login");
        var cookie = console.cookie("JSESSIONID").orElseThrow();

        var page = http.get("/login", Map.of("Cookie", cookie));
        assertThat(page.status()).isEqualTo(200);
        var signedIn = http.form("/login", Map.of("Cookie", cookie), Map.of("username", DemoIdentities.ANA,
                "password", DemoIdentities.PASSWORD, "_csrf", page.csrfField()));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).as("the link asked for, filter and all")
                .hasValue("http://127.0.0.1:" + port + "/?period=last30&direction=MO&continue");

        var graphiql = http.get("/graphiql", Map.of("Accept", HTML));
        assertThat(graphiql.status()).isEqualTo(302);
        assertThat(graphiql.header("Location")).hasValue("http://127.0.0.1:" + port + "/login");
    }

    @Test
    void thePagesAreServedFromTheJarWithAPolicyThatAllowsNoOtherOrigin() {
        var http = Http.to(port);
        var basic = Map.of("Authorization", Clients.basic(DemoIdentities.ANA), "Accept", HTML);
        for (var path : new String[] {"/", "/graphiql"}) {
            var page = http.get(path, basic);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("<script type=\"module\"").doesNotContain("https://");
            var csp = page.header("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("default-src 'self'").contains("script-src 'self'").contains("style-src 'self';")
                    .contains("connect-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
            assertThat(page.header("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.header("Referrer-Policy")).hasValue("same-origin");
        }
        assertThat(http.get("/", basic).body()).contains("<div id=\"root\">");
        assertThat(http.get("/graphiql", basic).body()).contains("graphiql-root");
        // The bundles themselves hold no data and load before sign-in would matter: they are public.
        var bundle = http.get("/", basic).body().replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");
        assertThat(bundle).startsWith("/assets/");
        assertThat(http.get(bundle, Map.of()).status()).isEqualTo(200);
    }

    @Autowired
    org.springframework.web.context.WebApplicationContext context;

    /**
     * HSTS goes out only on answers that came over TLS (a plain-HTTP answer cannot be trusted to set it): the real
     * filter chain, through MockMvc, since the test server speaks plain HTTP.
     */
    @Test
    void hstsIsSentOverTlsOnly() throws Exception {
        var mvc = org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup(context)
                .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
                .build();
        var secure = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/login")
                .secure(true)).andReturn().getResponse();
        assertThat(secure.getHeader("Strict-Transport-Security")).contains("max-age=").contains("includeSubDomains");
        assertThat(secure.getHeader("Content-Security-Policy")).contains("default-src 'self'");
        var plain = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/login"))
                .andReturn().getResponse();
        assertThat(plain.getHeader("Strict-Transport-Security")).isNull();
    }

    @Test
    void theSessionCookieIsSameSiteLaxAndHttpOnly() {
        var page = Http.to(port).get("/login", Map.of());
        var setCookie = page.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                .flatMap(e -> e.getValue().stream()).filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly");
    }

    @Test
    void aSignedInPageGetsItsCsrfTokenAndItsPostsWorkWithIt() {
        var http = Http.to(port);
        var session = signIn(http, DemoIdentities.CARLA);
        var csrf = http.get("/api/v1/session/csrf", session);
        assertThat(csrf.status()).isEqualTo(200);
        assertThat(csrf.body()).contains("\"headerName\":\"X-CSRF-TOKEN\"").contains("\"parameterName\":\"_csrf\"");
        var token = csrf.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        var me = http.post("/graphql", Map.of("Cookie", session.get("Cookie"), "X-CSRF-TOKEN", token),
                "application/json", "{\"query\":\"{ me { name } }\"}");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).contains(DemoIdentities.CARLA);

        assertThat(http.get("/api/v1/session/csrf", Map.of()).status()).as("anonymous").isEqualTo(401);
    }

    @Test
    void onlyAnAuthorizationHeaderThatAuthenticatesSkipsCsrf() {
        var http = Http.to(port);
        var session = signIn(http, DemoIdentities.CARLA);
        var foreign = http.graphQl(Map.of("Cookie", session.get("Cookie"), "Authorization", "Foo bar"), "{ me { name } }");
        assertThat(foreign.status()).as("an unknown scheme authenticates nothing; the cookie would").isEqualTo(403);
        assertThat(foreign.body()).contains("CSRF").doesNotContain(DemoIdentities.CARLA);

        var wrongBasic = http.graphQl(Map.of("Cookie", session.get("Cookie"),
                "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("ana@acme.example:nope".getBytes())),
                "{ me { name } }");
        assertThat(wrongBasic.status()).as("a wrong Basic header is a 401, never the cookie's session").isEqualTo(401);

        var basic = http.graphQl(Map.of("Cookie", session.get("Cookie"), "Authorization", Clients.basic(DemoIdentities.ANA)),
                "{ me { name } }");
        assertThat(basic.status()).isEqualTo(200);
        assertThat(basic.body()).contains(DemoIdentities.ANA);
    }

    @Test
    void aPagesOwnRequestGetsNoBasicChallengeSoTheBrowserShowsNoPasswordPrompt() {
        var http = Http.to(port);
        var api = http.graphQl(Map.of(), "{ me { name } }");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("WWW-Authenticate")).as("API clients are told to use Basic").hasValue("Basic realm=\"Rastro\"");
        var fromPage = http.post("/graphql", Map.of("Sec-Fetch-Mode", "cors", "Sec-Fetch-Site", "same-origin"),
                "application/json", "{\"query\":\"{ me { name } }\"}");
        assertThat(fromPage.status()).isEqualTo(401);
        assertThat(fromPage.header("WWW-Authenticate")).isEmpty();
        assertThat(fromPage.body()).contains("\"error\":\"UNAUTHORIZED\"");
        assertThat(http.get("/login.css", Map.of()).status()).as("the sign-in page's style sheet").isEqualTo(200);
    }

    private static Map<String, String> signIn(Http http, String user) {
        var page = http.get("/login", Map.of());
        var signedIn = http.form("/login", Map.of("Cookie", page.cookie("JSESSIONID").orElseThrow()),
                Map.of("username", user, "password", DemoIdentities.PASSWORD, "_csrf", page.csrfField()));
        assertThat(signedIn.status()).isEqualTo(302);
        return Map.of("Cookie", signedIn.cookie("JSESSIONID").orElseThrow());
    }
}
