package io.rastro.console;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a page signed in with a session cookie needs to call the API: the CSRF token to send on every POST. A
 * page on another origin cannot read this answer (no CORS is granted), so the token stays with the console.
 */
@RestController
public class SessionController {

    /** The header and form field the token goes in, and its (masked, per-request) value. */
    public record CsrfDetails(String headerName, String parameterName, String token) {
    }

    @GetMapping("/api/v1/session/csrf")
    public CsrfDetails csrf(CsrfToken token) {
        return new CsrfDetails(token.getHeaderName(), token.getParameterName(), token.getToken());
    }
}
