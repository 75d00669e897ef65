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
 * Password sign-ins over HTTP: failures look the same whether or not the user exists, and repeated failures lock
 * the user name and the client address out. Every test that fails sign-ins does so from its own loopback address
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

    @Test
    void fiveFailuresLockTheUserOutEvenWithTheRightPasswordAndFromElsewhere() {
        var http = Http.from(port, "127.0.0.12");
        var user = freshUser();
        var ghost = "ghost-" + UUID.randomUUID() + "@acme.example";
        for (int i = 0; i < 5; i++) {
            assertThat(http.graphQl(basic(user, "guess-" + i), ME).status()).isEqualTo(401);
            assertThat(http.graphQl(basic(ghost, "guess-" + i), ME).status()).isEqualTo(401);
        }
        var locked = http.graphQl(basic(user, "demo"), ME);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).isEqualTo(LoginThrottleFilter.BODY);
        assertThat(Integer.parseInt(locked.header("Retry-After").orElseThrow())).isBetween(1, 300);
        var lockedGhost = http.graphQl(basic(ghost, "demo"), ME);
        assertThat(lockedGhost.status()).as("an unknown user is locked the same way").isEqualTo(429);
        assertThat(lockedGhost.body()).isEqualTo(locked.body());

        assertThat(Http.from(port, "127.0.0.13").graphQl(basic(user, "demo"), ME).status())
                .as("the lock follows the user name to other addresses").isEqualTo(429);
        assertThat(Http.from(port, "127.0.0.13").graphQl(basic(user.toUpperCase(), "demo"), ME).status())
                .as("whatever its case").isEqualTo(429);
        assertThat(formLogin(Http.from(port, "127.0.0.13"), user, "demo").status())
                .as("and to the login form").isEqualTo(429);
        assertThat(http.graphQl(basic(freshUser(), "demo"), ME).status())
                .as("10 failures do not lock the address (its limit is 20)").isEqualTo(200);
    }

    @Test
    void twentyFailuresFromOneAddressLockItForEveryone() {
        var attacker = Http.from(port, "127.0.0.14");
        for (int i = 0; i < 20; i++) {
            assertThat(attacker.graphQl(basic("spray-" + i + "-" + UUID.randomUUID() + "@acme.example", "demo"), ME)
                    .status()).isEqualTo(401);
        }
        var locked = attacker.graphQl(basic(DemoIdentities.ANA, DemoIdentities.PASSWORD), ME);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).isEqualTo(LoginThrottleFilter.BODY);
        assertThat(Http.to(port).graphQl(basic(DemoIdentities.ANA, DemoIdentities.PASSWORD), ME).status())
                .as("ana from her own address").isEqualTo(200);
        assertThat(attacker.graphQl(Map.of("Authorization", Clients.bearer(DemoIdentities.ACME_BI_TOKEN)), ME).status())
                .as("API tokens are not password sign-ins").isEqualTo(200);
    }

    @Test
    void theLoginFormCountsAndLocksLikeBasic() {
        var http = Http.from(port, "127.0.0.15");
        var user = freshUser();
        for (int i = 0; i < 5; i++) {
            assertThat(formLogin(http, user, "guess-" + i).header("Location")).hasValueSatisfying(
                    location -> assertThat(location).contains("/login?error"));
        }
        var locked = formLogin(http, user, "demo");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).isEqualTo(LoginThrottleFilter.BODY);
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
