package io.rastro.security;

import io.rastro.LruMap;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;

/**
 * Slows down password guessing. Failed sign-ins are counted per (user name, client address) and per client
 * address; past its free failures a key must wait before its next attempt, the wait doubling with each further
 * failure up to a ceiling. Attempts during a wait are refused before the password is checked, the right password
 * included: otherwise the wait would not slow a guesser, who would also learn which guess was right.
 *
 * <p>A user name is never locked on its own: five wrong passwords from anywhere used to lock that person out
 * everywhere, even against the right password. Now failures from one address slow only that address, for that
 * user (and, past the address's larger allowance, for every user there). Unknown user names count exactly like
 * known ones, so a wait says nothing about whether a user exists. The client address is the connection's, or
 * X-Forwarded-For's from a trusted proxy ({@link ClientAddress}).
 *
 * <p>In memory and per instance: behind a load balancer with N instances an attacker gets up to N times the
 * attempts; a shared store would fix that at the price of a write per failure. Each map is bounded (least
 * recently seen entries are forgotten first).
 */
@Component
public class LoginThrottle {

    private final SecuritySettings.Login limits;
    private final Clock clock;
    private final ClientAddress clients;
    private final Counters pairs;
    private final Counters addresses;

    @Autowired
    public LoginThrottle(SecuritySettings settings) {
        this(settings.login(), new ClientAddress(settings.trustedProxies()), Clock.systemUTC());
    }

    public LoginThrottle(SecuritySettings.Login limits, ClientAddress clients, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.clients = clients;
        this.pairs = new Counters(limits.maxTracked());
        this.addresses = new Counters(limits.maxTracked());
    }

    /** The address a request's sign-in counts against. */
    public String address(HttpServletRequest request) {
        return clients.of(request);
    }

    /** How much longer this user name must wait from this address; empty when it may try now. */
    public Optional<Duration> lockedFor(String username, String address) {
        var now = clock.instant();
        var longest = Duration.ZERO;
        for (var until : new Instant[] {pairs.waitUntil(pair(username, address), now),
                addresses.waitUntil(address, now)}) {
            if (until != null && until.isAfter(now) && Duration.between(now, until).compareTo(longest) > 0) {
                longest = Duration.between(now, until);
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public void failed(String username, String address) {
        var now = clock.instant();
        pairs.fail(pair(username, address), now, limits.freeFailuresPerUserAddress());
        addresses.fail(address, now, limits.freeFailuresPerAddress());
    }

    /**
     * A correct password clears that user's failures from that address. The address keeps its count: one valid
     * account must not let an attacker reset the allowance for guesses against the others.
     */
    public void succeeded(String username, String address) {
        pairs.clear(pair(username, address));
    }

    /** The same normalisation as {@link StoreUserDetailsService}, so "Ana@…" and "ana@…" share one counter. */
    static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private static String pair(String username, String address) {
        return address == null ? null : key(username) + "\n" + address;
    }

    /** The wait after the n-th failure past the free ones (n from 1): doubling from the first, up to the max. */
    Duration delay(int pastFree) {
        var delay = limits.firstDelay();
        for (int i = 1; i < pastFree && delay.compareTo(limits.maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : delay;
    }

    private record Failures(int failures, Instant last, Instant waitUntil) {
    }

    /** A bounded, access-ordered map of counters; synchronized because sign-ins are rare next to the check. */
    private final class Counters {

        private final LinkedHashMap<String, Failures> entries;

        Counters(int max) {
            this.entries = new LruMap<>(max);
        }

        synchronized Instant waitUntil(String key, Instant now) {
            if (key == null) {
                return null;
            }
            var e = entries.get(key);
            return e == null ? null : e.waitUntil();
        }

        synchronized void fail(String key, Instant now, int free) {
            if (key == null) {
                return;
            }
            var e = entries.get(key);
            if (e != null && e.waitUntil() != null && e.waitUntil().isAfter(now)) {
                return; // waiting: attempts are refused before they are checked, so there is nothing to count
            }
            if (e == null || e.last().plus(limits.window()).isBefore(now)) {
                e = new Failures(0, now, null);
            }
            var failures = e.failures() + 1;
            entries.put(key, new Failures(failures, now, failures > free ? now.plus(delay(failures - free)) : null));
        }

        synchronized void clear(String key) {
            if (key != null) {
                entries.remove(key);
            }
        }
    }
}
