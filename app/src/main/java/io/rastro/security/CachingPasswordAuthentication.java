package io.rastro.security;

import com.github.benmanes.caffeine.cache.Cache;
import io.rastro.Caches;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Password authentication (HTTP Basic and the login form) that runs bcrypt once per user and minute instead of on
 * every request. Basic sends the password with every API call, and a bcrypt check costs tens of milliseconds of
 * CPU: for a dashboard polling the report that cost dwarfed the query itself. A verified password is remembered
 * only as a salted SHA-256 (the salt is random per process) for {@link #TTL}. The user is still read on every
 * request, so a changed scope, a deletion or a new password (its stored hash changes) counts at once. Failures are
 * never cached, and failures and successes still reach the login throttle through Spring Security's events.
 */
public class CachingPasswordAuthentication implements AuthenticationProvider {

    static final Duration TTL = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 10_000;

    private final DaoAuthenticationProvider delegate;
    private final UserDetailsService users;
    private final byte[] salt = new byte[16];
    private final Cache<String, Verified> verified;

    private record Verified(byte[] digest, String passwordHash) {
    }

    public CachingPasswordAuthentication(UserDetailsService users, PasswordEncoder encoder, Clock clock) {
        this.delegate = new DaoAuthenticationProvider(users);
        this.delegate.setPasswordEncoder(encoder);
        this.users = users;
        this.verified = Caches.expiring(TTL, MAX_ENTRIES, clock);
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        var name = attempt.getName();
        var password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        var digest = digest(name, password);
        var hit = verified.getIfPresent(name);
        if (hit != null && MessageDigest.isEqual(hit.digest(), digest)) {
            var user = users.loadUserByUsername(name);
            if (hit.passwordHash().equals(user.getPassword())) {
                return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
            }
        }
        var result = delegate.authenticate(attempt);
        var user = (org.springframework.security.core.userdetails.UserDetails) result.getPrincipal();
        verified.put(name, new Verified(digest, user.getPassword()));
        return UsernamePasswordAuthenticationToken.authenticated(user, null, result.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private byte[] digest(String name, String password) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
