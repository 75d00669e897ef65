package io.rastro.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Authenticates {@code Authorization: Bearer rst_...} API tokens. Other bearer values (JWTs) pass through to the
 * resource server when one is configured. A bad or revoked Rastro token ends the request with 401 and a JSON body.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    /**
     * Where the authentication is kept for the rest of the request, including its async dispatch (GraphQL
     * answers asynchronously, and the authorization filter checks that dispatch again): the same per-request
     * repository HTTP Basic uses, so no session is created for a machine.
     */
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    public BearerTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && header.substring(7).strip().startsWith(ApiTokens.PREFIX)) {
            var principal = tokens.authenticate(header.substring(7).strip());
            if (principal.isEmpty()) {
                SecurityContextHolder.clearContext();
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setContentType("application/json");
                response.getWriter().write("{\"error\":\"UNAUTHORIZED\",\"message\":\"The API token is not valid or was revoked.\"}");
                return;
            }
            var p = principal.get();
            var authentication = UsernamePasswordAuthenticationToken.authenticated(p, null, p.authorities());
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
            repository.saveContext(context, request, response);
        }
        chain.doFilter(request, response);
    }
}
