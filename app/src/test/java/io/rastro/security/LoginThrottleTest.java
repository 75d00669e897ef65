package io.rastro.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limiter's rules on a clock the test moves; the HTTP side is in {@link SecurityLoginTest}. */
class LoginThrottleTest {

    final MovableClock clock = new MovableClock();
    final LoginThrottle throttle = new LoginThrottle(new SecuritySettings.Login(5, 20, Duration.ofSeconds(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), 100), new ClientAddress(List.of()), clock);

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void pastFiveFailuresTheWaitDoublesUpToItsCeiling() {
        fail("ana@acme.example", "10.0.0.1", 5);
        assertThat(throttle.lockedFor("ana@acme.example", "10.0.0.1")).as("five are free").isEmpty();
        var expected = 1L;
        for (int failure = 6; failure <= 16; failure++) {
            throttle.failed("ana@acme.example", "10.0.0.1");
            assertThat(throttle.lockedFor("ana@acme.example", "10.0.0.1")).as("after failure %d", failure)
                    .contains(Duration.ofSeconds(Math.min(expected, 300)));
            clock.advance(Duration.ofSeconds(Math.min(expected, 300)));
            assertThat(throttle.lockedFor("ana@acme.example", "10.0.0.1")).isEmpty();
            expected *= 2;
        }
    }

    @Test
    void aUserIsNeverLockedEverywhere() {
        fail("ana@acme.example", "10.0.0.1", 10);
        assertThat(throttle.lockedFor("ana@acme.example", "10.0.0.1")).isPresent();
        assertThat(throttle.lockedFor("ANA@acme.example ", "10.0.0.1")).as("names are normalised").isPresent();
        assertThat(throttle.lockedFor("ana@acme.example", "10.0.0.2")).as("ana from elsewhere").isEmpty();
        assertThat(throttle.lockedFor("bruno@globex.example", "10.0.0.1")).as("others at that address").isEmpty();
    }

    @Test
    void attemptsDuringAWaitNeitherCountNorExtendIt() {
        fail("x@acme.example", "10.0.0.1", 6);
        assertThat(throttle.lockedFor("x@acme.example", "10.0.0.1")).contains(Duration.ofSeconds(1));
        fail("x@acme.example", "10.0.0.1", 10); // refused before the check in real life; not counted here either
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor("x@acme.example", "10.0.0.1")).isEmpty();
        throttle.failed("x@acme.example", "10.0.0.1");
        assertThat(throttle.lockedFor("x@acme.example", "10.0.0.1")).as("the seventh failure").contains(Duration.ofSeconds(2));
    }

    @Test
    void failuresAreForgottenAWindowAfterTheLast() {
        fail("carla@acme.example", "10.0.0.1", 5);
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        fail("carla@acme.example", "10.0.0.1", 5);
        assertThat(throttle.lockedFor("carla@acme.example", "10.0.0.1")).isEmpty();
        throttle.failed("carla@acme.example", "10.0.0.1");
        assertThat(throttle.lockedFor("carla@acme.example", "10.0.0.1")).isPresent();
    }

    @Test
    void aCorrectPasswordClearsThatUserThereButNotTheAddress() {
        fail("carla@acme.example", "10.0.0.1", 5);
        fail("someone-else@x.example", "10.0.0.1", 15);
        throttle.succeeded("carla@acme.example", "10.0.0.1");
        fail("carla@acme.example", "10.0.0.1", 1);
        assertThat(throttle.lockedFor("carla@acme.example", "10.0.0.7")).isEmpty();
        assertThat(throttle.lockedFor("carla@acme.example", "10.0.0.1")).as("address past 20 failures").isPresent();
        assertThat(throttle.lockedFor("dora@acme.example", "10.0.0.1")).as("for everyone there").isPresent();
    }

    @Test
    void pastTwentyFailuresFromOneAddressEveryoneThereWaits() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("guess-" + i + "@acme.example", "203.0.113.5");
        }
        assertThat(throttle.lockedFor("ana@acme.example", "203.0.113.5")).isEmpty();
        throttle.failed("guess-20@acme.example", "203.0.113.5");
        assertThat(throttle.lockedFor("ana@acme.example", "203.0.113.5")).contains(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor("ana@acme.example", "203.0.113.6")).isEmpty();
    }

    @Test
    void memoryStaysBoundedUnderASprayOfNames() {
        fail("victim@acme.example", "10.0.0.1", 6);
        for (int i = 0; i < 100; i++) {
            throttle.failed("spray-" + i + "@acme.example", "10.0.1." + (i % 250));
        }
        // the victim was the least recently seen of 101 keys in a map of 100: forgotten, which is the price of
        // bounded memory (the per-address allowance still holds for a single source)
        assertThat(throttle.lockedFor("victim@acme.example", "10.0.0.1")).isEmpty();
    }

    /** Which address a request counts against, with 10.0.0.5 and 192.168.0.0/16 as trusted proxies. */
    @ParameterizedTest(name = "peer {0}, X-Forwarded-For ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.9  |                                   | 203.0.113.9",
            "203.0.113.9  | 198.51.100.1                      | 203.0.113.9",
            "10.0.0.5     |                                   | 10.0.0.5",
            "10.0.0.5     | 198.51.100.1                      | 198.51.100.1",
            "10.0.0.5     | 1.1.1.1, 198.51.100.1             | 198.51.100.1",
            "10.0.0.5     | 198.51.100.1, 192.168.3.4         | 198.51.100.1",
            "192.168.9.9  | 198.51.100.1                      | 198.51.100.1",
            "10.0.0.6     | 198.51.100.1                      | 10.0.0.6",
            "10.0.0.5     | 192.168.3.4                       | 192.168.3.4",
            "10.0.0.5     | not-an-address, 198.51.100.1      | 198.51.100.1",
            "10.0.0.5     | 198.51.100.1, evil.example        | 10.0.0.5",
            "10.0.0.5     | 2001:db8::1                       | 2001:db8::1"})
    void xForwardedForCountsOnlyFromTrustedProxies(String peer, String forwarded, String expected) {
        var clients = new ClientAddress(List.of("10.0.0.5", "192.168.0.0/16"));
        var headers = forwarded == null ? Collections.<String>emptyEnumeration()
                : Collections.enumeration(List.of(forwarded));
        assertThat(clients.of(peer, headers)).isEqualTo(expected);
    }

    @Test
    void aTrustedProxyThatIsNotAnAddressIsRefusedAtStart() {
        assertThatThrownBy(() -> new ClientAddress(List.of("lb.internal"))).hasMessageContaining("lb.internal");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }
}
