package io.rastro.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The limiter's rules on a clock the test moves; the HTTP side is in {@link SecurityLoginTest}. */
class LoginThrottleTest {

    final MovableClock clock = new MovableClock();
    final LoginThrottle throttle = new LoginThrottle(
            new SecuritySettings.Login(5, 20, Duration.ofMinutes(5), Duration.ofMinutes(5), 100), clock);

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void fiveFailuresLockTheUserForFiveMinutesFromAnyAddress() {
        fail("ana@acme.example", "10.0.0.1", 4);
        assertThat(throttle.lockedFor("ana@acme.example", "10.0.0.1")).isEmpty();
        throttle.failed("ana@acme.example", "10.0.0.2");
        assertThat(throttle.lockedFor("ana@acme.example", "10.0.0.1")).contains(Duration.ofMinutes(5));
        assertThat(throttle.lockedFor("ANA@acme.example ", "10.0.0.9")).as("names are normalised").isPresent();
        assertThat(throttle.lockedFor("bruno@globex.example", "10.0.0.1")).as("other users are not locked").isEmpty();
        clock.advance(Duration.ofMinutes(4));
        assertThat(throttle.lockedFor("ana@acme.example", "10.0.0.1")).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(throttle.lockedFor("ana@acme.example", "10.0.0.1")).isEmpty();
        throttle.failed("ana@acme.example", "10.0.0.1");
        assertThat(throttle.lockedFor("ana@acme.example", "10.0.0.1")).as("a lock that ended starts a new count").isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        fail("carla@acme.example", "10.0.0.1", 4);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        fail("carla@acme.example", "10.0.0.1", 4);
        assertThat(throttle.lockedFor("carla@acme.example", "10.0.0.1")).isEmpty();
        throttle.failed("carla@acme.example", "10.0.0.1");
        assertThat(throttle.lockedFor("carla@acme.example", "10.0.0.1")).isPresent();
    }

    @Test
    void aCorrectPasswordClearsTheUserButNotTheAddress() {
        fail("carla@acme.example", "10.0.0.1", 4);
        fail("someone-else@x.example", "10.0.0.1", 15);
        throttle.succeeded("carla@acme.example");
        fail("carla@acme.example", "10.0.0.1", 1);
        assertThat(throttle.lockedFor("carla@acme.example", "10.0.0.7")).isEmpty();
        assertThat(throttle.lockedFor("carla@acme.example", "10.0.0.1")).as("address at 20 failures").isPresent();
    }

    @Test
    void twentyFailuresFromOneAddressLockItForEveryUserName() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("guess-" + i + "@acme.example", "203.0.113.5");
        }
        assertThat(throttle.lockedFor("ana@acme.example", "203.0.113.5")).isEmpty();
        throttle.failed("guess-19@acme.example", "203.0.113.5");
        assertThat(throttle.lockedFor("ana@acme.example", "203.0.113.5")).isPresent();
        assertThat(throttle.lockedFor("ana@acme.example", "203.0.113.6")).isEmpty();
    }

    @Test
    void lockedAttemptsDoNotExtendTheLock() {
        fail("x@acme.example", "10.0.0.1", 5);
        clock.advance(Duration.ofMinutes(3));
        fail("x@acme.example", "10.0.0.1", 10);
        assertThat(throttle.lockedFor("x@acme.example", "10.0.0.2")).contains(Duration.ofMinutes(2));
    }

    @Test
    void memoryStaysBoundedUnderASprayOfNames() {
        fail("victim@acme.example", "10.0.0.1", 5);
        for (int i = 0; i < 100; i++) {
            throttle.failed("spray-" + i + "@acme.example", "10.0.1." + (i % 250));
        }
        // the victim was the least recently seen of 101 names in a map of 100: forgotten, which is the price of
        // bounded memory (the per-address limit still holds for a single source)
        assertThat(throttle.lockedFor("victim@acme.example", "10.0.0.9")).isEmpty();
        assertThat(throttle.lockedFor("spray-99@acme.example", "10.0.0.9")).isEmpty();
    }
}
