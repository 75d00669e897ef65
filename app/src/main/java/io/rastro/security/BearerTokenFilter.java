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
    private final SecurityContextRepository contextRepository = new RequestAttributeSecurityContextRepository();

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
            // Saved for the request's later dispatches too: Spring for GraphQL answers on an async dispatch, which
            // would otherwise run as anonymous.
            contextRepository.saveContext(context, request, response);
        }
        chain.doFilter(request, response);
    }
}
