package io.rastro.security;

import tools.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import java.util.Map;

/**
 * One filter chain: health and info are public (health details only for authenticated callers), ingestion needs
 * an ingestion token, everything else an authenticated person or read token. People use HTTP Basic (a browser
 * shows its prompt on /graphiql) or form login; CSRF protection stays on for cookie sessions and is skipped for
 * requests that carry their own Authorization header, which a cross-site page cannot forge.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfig {

    @Bean
    public SecurityFilterChain filterChain(HttpSecurity http, ApiTokens tokens) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/events").hasRole("INGEST")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Rastro").authenticationEntryPoint(jsonEntryPoint()))
                .formLogin(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null)
                        // ingestion: only bearer tokens hold ROLE_INGEST, so no cookie session can post there, and an
                        // anonymous post must get 401 from the entry point, not 403 from the missing CSRF token
                        .ignoringRequestMatchers("/api/v1/events"))
                .addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(jsonEntryPoint()).accessDeniedHandler(jsonDenied()));
        return http.build();
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    private static AuthenticationEntryPoint jsonEntryPoint() {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Rastro\"");
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHORIZED", "Authentication is required.");
        };
    }

    private static AccessDeniedHandler jsonDenied() {
        return (request, response, exception) -> {
            // A caller without credentials (an anonymous POST stopped by CSRF protection) must learn to
            // authenticate: 401 with the Basic challenge, not 403.
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
                jsonEntryPoint().commence(request, response,
                        new InsufficientAuthenticationException(exception.getMessage(), exception));
                return;
            }
            write(response, HttpServletResponse.SC_FORBIDDEN, "FORBIDDEN", "The caller may not do this.");
        };
    }

    private static void write(HttpServletResponse response, int status, String code, String message)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(JsonMapper.shared().writeValueAsString(Map.of("error", code, "message", message)));
    }
}
