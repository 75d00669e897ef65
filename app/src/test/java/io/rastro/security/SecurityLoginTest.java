package io.rastro.security;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password sign-ins over HTTP: failures look the same whether or not the user exists, and repeated failures make
 * that user name wait at that client address, and past more of them the address. Every test that fails sign-ins does so from its own loopback address
 * and with its own users, so the shared server's other tests (from 127.0.0.1, as the demo users) stay unaffected.
 */
@IntegrationTest
class SecurityLoginTest {

    static final String ME = "{ me { name } }";

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    PasswordEncoder passwords;

    /** A fresh person of acme (password "demo") that no other test uses. */
    String freshUser() {
        var user = "throttle-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
        store.execute(Sql.of("""
                        INSERT INTO rastro.users (user_id, account_id, display_name, password_hash, role, subaccounts, version)
                        SELECT {u:String}, 'acme', 'Throttle test', {h:String}, 'SUBACCOUNT_USER', ['acme-support'], 1""")
                .bind("u", user).bind("h", passwords.encode(DemoIdentities.PASSWORD)));
        return user;
    }

    static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Signs in through the login form (fetching the page first for its cookie and CSRF token). */
    static Http.Response formLogin(Http http, String user, String password) {
        var page = http.get("/login", Map.of());
        assertThat(page.status()).isEqualTo(200);
        var cookie = page.cookie("JSESSIONID").orElseThrow();
        return http.form("/login", Map.of("Cookie", cookie),
                Map.of("username", user, "password", password, "_csrf", page.csrfField()));
    }

    @Test
    void anUnknownUserAndAWrongPasswordGetTheSameAnswer() {
        var http = Http.from(port, "127.0.0.11");
        var known = freshUser();
        var unknown = http.graphQl(basic("nobody-" + UUID.randomUUID() + "@acme.example", "demo"), ME);
        var wrong = http.graphQl(basic(known, "not-demo"), ME);
        assertThat(unknown.status()).isEqualTo(401).isEqualTo(wrong.status());
        assertThat(unknown.body()).isEqualTo(wrong.body())
                .isEqualTo("{\"error\":\"UNAUTHORIZED\",\"message\":\"Authentication is required.\"}");
        assertThat(unknown.header("WWW-Authenticate")).isEqualTo(wrong.header("WWW-Authenticate"))
                .contains("Basic realm=\"Rastro\"");
        assertThat(unknown.headers().keySet()).isEqualTo(wrong.headers().keySet());

        var unknownForm = formLogin(http, "nobody@acme.example", "demo");
        var wrongForm = formLogin(http, known, "not-demo");
        assertThat(unknownForm.status()).isEqualTo(302).isEqualTo(wrongForm.status());
        assertThat(unknownForm.header("Location")).isEqualTo(wrongForm.header("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
        assertThat(unknownForm.body()).isEqualTo(wrongForm.body());

        assertThat(http.graphQl(basic(known, "demo"), ME).status()).as("the right password still works").isEqualTo(200);
    }

    /**
     * Past five failures a user name waits before its next attempt from that address, the right password included
     * (test profile: a wait of a minute). It is never locked account-wide: the same person from another address
     * signs in at once.
     */
    @Test
    void failuresSlowThatUserFromThatAddressOnly() {
        var http = Http.from(port, "127.0.0.12");
        var user = freshUser();
        var ghost = "ghost-" + UUID.randomUUID() + "@acme.example";
        for (int i = 0; i < 6; i++) {
            assertThat(http.graphQl(basic(user, "guess-" + i), ME).status()).isEqualTo(401);
            assertThat(http.graphQl(basic(ghost, "guess-" + i), ME).status()).isEqualTo(401);
        }
        var waiting = http.graphQl(basic(user, "demo"), ME);
        assertThat(waiting.status()).as("the right password during the wait").isEqualTo(429);
        assertThat(waiting.body()).isEqualTo(LoginThrottleFilter.BODY);
        assertThat(Integer.parseInt(waiting.header("Retry-After").orElseThrow())).isBetween(1, 60);
        var waitingGhost = http.graphQl(basic(ghost, "demo"), ME);
        assertThat(waitingGhost.status()).as("an unknown user waits the same way").isEqualTo(429);
        assertThat(waitingGhost.body()).isEqualTo(waiting.body());
        assertThat(http.graphQl(basic(user.toUpperCase(), "demo"), ME).status()).as("whatever its case").isEqualTo(429);
        assertThat(formLogin(http, user, "demo").status()).as("and through the login form").isEqualTo(429);

        assertThat(Http.from(port, "127.0.0.13").graphQl(basic(user, "demo"), ME).status())
                .as("the same person from another address").isEqualTo(200);
        assertThat(http.graphQl(basic(freshUser(), "demo"), ME).status())
                .as("12 failures do not slow the address for others (its allowance is 20)").isEqualTo(200);
    }

    @Test
    void pastTwentyFailuresFromOneAddressEveryoneThereWaits() {
        var attacker = Http.from(port, "127.0.0.14");
        for (int i = 0; i < 21; i++) {
            assertThat(attacker.graphQl(basic("spray-" + i + "-" + UUID.randomUUID() + "@acme.example", "demo"), ME)
                    .status()).isEqualTo(401);
        }
        var waiting = attacker.graphQl(basic(DemoIdentities.ANA, DemoIdentities.PASSWORD), ME);
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(waiting.body()).isEqualTo(LoginThrottleFilter.BODY);
        assertThat(Http.to(port).graphQl(basic(DemoIdentities.ANA, DemoIdentities.PASSWORD), ME).status())
                .as("ana from her own address").isEqualTo(200);
        assertThat(attacker.graphQl(Map.of("Authorization", Clients.bearer(DemoIdentities.ACME_BI_TOKEN)), ME).status())
                .as("API tokens are not password sign-ins").isEqualTo(200);
    }

    /**
     * Behind the load balancer (127.0.0.30, trusted in the test profile) each client counts by its own address
     * from X-Forwarded-For, so one client's failures do not make the others wait; from any other peer the header
     * is ignored, so a client cannot pick a new address for each guess.
     */
    @Test
    void xForwardedForCountsOnlyFromTheTrustedProxy() {
        var balancer = Http.from(port, "127.0.0.30");
        var user = freshUser();
        for (int i = 0; i < 6; i++) {
            assertThat(balancer.graphQl(with(basic(user, "guess-" + i), "198.51.100.1"), ME).status()).isEqualTo(401);
        }
        assertThat(balancer.graphQl(with(basic(user, "demo"), "198.51.100.1"), ME).status())
                .as("the guessing client waits").isEqualTo(429);
        assertThat(balancer.graphQl(with(basic(user, "demo"), "198.51.100.2"), ME).status())
                .as("another client behind the same balancer").isEqualTo(200);

        var direct = Http.from(port, "127.0.0.31");
        var other = freshUser();
        for (int i = 0; i < 6; i++) {
            assertThat(direct.graphQl(with(basic(other, "guess-" + i), "198.51.100." + (10 + i)), ME).status())
                    .isEqualTo(401);
        }
        assertThat(direct.graphQl(with(basic(other, "demo"), "198.51.100.99"), ME).status())
                .as("a forged X-Forwarded-For from an untrusted peer changes nothing").isEqualTo(429);
    }

    static Map<String, String> with(Map<String, String> headers, String forwardedFor) {
        var out = new java.util.HashMap<>(headers);
        out.put("X-Forwarded-For", forwardedFor);
        return out;
    }

    @Test
    void theLoginFormCountsAndWaitsLikeBasic() {
        var http = Http.from(port, "127.0.0.15");
        var user = freshUser();
        for (int i = 0; i < 6; i++) {
            assertThat(formLogin(http, user, "guess-" + i).header("Location")).hasValueSatisfying(
                    location -> assertThat(location).contains("/login?error"));
        }
        var waiting = formLogin(http, user, "demo");
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(waiting.body()).isEqualTo(LoginThrottleFilter.BODY);
        assertThat(http.graphQl(basic(user, "demo"), ME).status()).isEqualTo(429);
    }

    @Test
    void aSuccessfulSignInClearsTheUsersFailures() {
        var http = Http.from(port, "127.0.0.16");
        var user = freshUser();
        for (var password : List.of("a", "b", "c", "d", "demo", "e", "f", "g", "h")) {
            var status = http.graphQl(basic(user, password), ME).status();
            assertThat(status).isEqualTo(password.equals("demo") ? 200 : 401);
        }
        assertThat(http.graphQl(basic(user, "demo"), ME).status()).isEqualTo(200);
    }
}
