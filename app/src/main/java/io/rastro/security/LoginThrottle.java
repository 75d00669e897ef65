package io.rastro.security;

import io.rastro.LruMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed password sign-ins per user name and per client address and locks either out for a while once it
 * reaches its limit. Unknown user names are counted exactly like known ones, so a lock says nothing about whether
 * a user exists.
 *
 * <p>In memory and per instance: behind a load balancer with N instances an attacker gets up to N times the
 * attempts; a shared store would fix that at the price of a write per failure, which this service does not need
 * yet. Each map is bounded (least recently seen entries are forgotten first).
 */
@Component
public class LoginThrottle {

    private final SecuritySettings.Login limits;
    private final Clock clock;
    private final Counters users;
    private final Counters addresses;

    @Autowired
    public LoginThrottle(SecuritySettings settings) {
        this(settings.login(), Clock.systemUTC());
    }

    public LoginThrottle(SecuritySettings.Login limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.users = new Counters(limits.maxTracked());
        this.addresses = new Counters(limits.maxTracked());
    }

    /** How much longer this user name or this address is locked out; empty when neither is. */
    public Optional<Duration> lockedFor(String username, String address) {
        var now = clock.instant();
        var longest = Duration.ZERO;
        for (var until : new Instant[] {users.lockedUntil(key(username), now), addresses.lockedUntil(address, now)}) {
            if (until != null && until.isAfter(now) && Duration.between(now, until).compareTo(longest) > 0) {
                longest = Duration.between(now, until);
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public void failed(String username, String address) {
        var now = clock.instant();
        users.fail(key(username), now, limits.maxFailuresPerUser(), limits.window(), limits.lockout());
        addresses.fail(address, now, limits.maxFailuresPerAddress(), limits.window(), limits.lockout());
    }

    /**
     * A correct password clears the user name's failures. The address keeps its count: one valid account must
     * not let an attacker reset the limit for guesses against the others.
     */
    public void succeeded(String username) {
        users.clear(key(username));
    }

    /** The same normalisation as {@link StoreUserDetailsService}, so "Ana@…" and "ana@…" share one counter. */
    static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private record Failures(int failures, Instant firstFailure, Instant lockedUntil) {
    }

    /** A bounded, access-ordered map of counters; synchronized because sign-ins are rare next to the lock. */
    private static final class Counters {

        private final LinkedHashMap<String, Failures> entries;

        Counters(int max) {
            this.entries = new LruMap<>(max);
        }

        synchronized Instant lockedUntil(String key, Instant now) {
            if (key == null) {
                return null;
            }
            var e = entries.get(key);
            return e == null ? null : e.lockedUntil();
        }

        synchronized void fail(String key, Instant now, int max, Duration window, Duration lockout) {
            if (key == null) {
                return;
            }
            var e = entries.get(key);
            if (e != null && e.lockedUntil() != null && e.lockedUntil().isAfter(now)) {
                return; // already locked: attempts are refused before they are checked, so nothing to count
            }
            if (e == null || e.firstFailure().plus(window).isBefore(now) || e.lockedUntil() != null) {
                e = new Failures(0, now, null);
            }
            var failures = e.failures() + 1;
            entries.put(key, new Failures(failures, e.firstFailure(), failures >= max ? now.plus(lockout) : null));
        }

        synchronized void clear(String key) {
            entries.remove(key);
        }
    }
}
