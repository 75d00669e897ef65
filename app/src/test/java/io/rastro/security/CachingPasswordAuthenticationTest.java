package io.rastro.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingPasswordAuthenticationTest {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final org.springframework.security.crypto.password.PasswordEncoder encoder =
            new org.springframework.security.crypto.password.PasswordEncoder() {
                @Override
                public String encode(CharSequence raw) {
                    return bcrypt.encode(raw);
                }

                @Override
                public boolean matches(CharSequence raw, String encoded) {
                    bcryptChecks.incrementAndGet();
                    return bcrypt.matches(raw, encoded);
                }
            };
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicReference<String> hash = new AtomicReference<>(new BCryptPasswordEncoder(4).encode("right"));
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));

    private CachingPasswordAuthentication provider() {
        var clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        return new CachingPasswordAuthentication(name -> {
            lookups.incrementAndGet();
            if (!name.equals("ana@acme.example")) {
                throw new UsernameNotFoundException("bad credentials");
            }
            return new RastroUserDetails(new RastroPrincipal(name, "acme", Role.ADMIN, Set.of()), hash.get());
        }, encoder, clock);
    }

    private static UsernamePasswordAuthenticationToken attempt(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    @Test
    void aVerifiedPasswordIsCheckedOnceAMinuteAndAWrongOneNeverPasses() {
        var provider = provider();
        var first = provider.authenticate(attempt("ana@acme.example", "right"));
        assertThat(first.isAuthenticated()).isTrue();
        assertThat(((RastroUserDetails) first.getPrincipal()).principal().accountId()).isEqualTo("acme");
        provider.authenticate(attempt("ana@acme.example", "right"));
        provider.authenticate(attempt("ana@acme.example", "right"));
        // the user is read each time (scope changes count at once); bcrypt ran only for the first request
        assertThat(lookups.get()).isEqualTo(3);
        assertThat(bcryptChecks.get()).isEqualTo(1);

        assertThatThrownBy(() -> provider.authenticate(attempt("ana@acme.example", "wrong")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(attempt("nobody@acme.example", "right")))
                .isInstanceOf(BadCredentialsException.class);

        // a password changed in the store counts at once: its stored hash is no longer the one verified
        this.hash.set(encoder.encode("changed"));
        assertThatThrownBy(() -> provider.authenticate(attempt("ana@acme.example", "right")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(provider.authenticate(attempt("ana@acme.example", "changed")).isAuthenticated()).isTrue();
    }
}
