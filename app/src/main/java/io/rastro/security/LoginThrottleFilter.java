package io.rastro.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Refuses a password sign-in (an HTTP Basic header, or the login form's POST) that must still wait (its user name
 * from its address, or its address) before the password is checked, with 429 and a JSON body that is the same whichever of the two is
 * locked and whether or not the user exists. Runs before both authentication filters; failures and successes
 * are counted by {@link LoginEvents} from Spring Security's authentication events.
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

    static final String BODY = "{\"error\":\"TOO_MANY_REQUESTS\",\"message\":"
            + "\"Too many failed sign-in attempts. Try again later.\"}";

    private final LoginThrottle throttle;

    public LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var username = username(request);
        if (username != null) {
            var locked = throttle.lockedFor(username, throttle.address(request));
            if (locked.isPresent()) {
                response.setStatus(429);
                response.setHeader("Retry-After", String.valueOf(Math.max(1, locked.get().toSeconds())));
                response.setContentType("application/json");
                response.getWriter().write(BODY);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The user name a request signs in with, or null when it is not a password sign-in. */
    static String username(HttpServletRequest request) {
        var header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                var decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                var colon = decoded.indexOf(':');
                return colon < 0 ? null : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return null; // not base64: the Basic filter answers 401
            }
        }
        if ("POST".equals(request.getMethod()) && "/login".equals(SecurityConfig.path(request))) {
            var username = request.getParameter("username");
            return username == null ? "" : username;
        }
        return null;
    }
}
