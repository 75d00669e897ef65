package io.rastro.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.ui.DefaultLoginPageGeneratingFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfToken;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One filter chain: health and info are public (health details only for authenticated callers), ingestion needs
 * an ingestion token, everything else an authenticated person, read token or (when configured) OIDC access token.
 *
 * <ul>
 *   <li>People use HTTP Basic (a browser shows its prompt on /graphiql) or form login. Failed password sign-ins
 *   are rate limited per user name and per address ({@link LoginThrottle}); a locked-out sign-in gets 429.</li>
 *   <li>{@code Bearer rst_…} values are Rastro API tokens ({@link BearerTokenFilter}). Any other bearer value goes
 *   to the OAuth2 resource server when Spring Boot has built a {@link JwtDecoder} (that is, when
 *   {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri} or
 *   {@code public-key-location} is set); without one it authenticates nothing and the request gets 401.</li>
 *   <li>CSRF protection guards what a browser sends by itself: the session cookie of a form login. It is skipped
 *   for requests with their own Authorization header (a cross-site page cannot set one) and for requests with no
 *   cookie at all (they carry no session to abuse, and so get a plain 401 when anonymous); the login form itself
 *   stays protected against login CSRF.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfig {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    public SecurityFilterChain filterChain(HttpSecurity http, ApiTokens tokens, LoginThrottle throttle,
                                           ObjectProvider<JwtDecoder> jwtDecoder, SecuritySettings settings) {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/events").hasRole("INGEST")
                        .requestMatchers("/webhooks/whatsapp").permitAll() // authenticated by its signature instead
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Rastro").authenticationEntryPoint(jsonEntryPoint()))
                .formLogin(form -> form.defaultSuccessUrl("/graphiql"))
                .addFilter(loginPage())
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfig::needsCsrf).ignoringRequestMatchers("/webhooks/whatsapp"))
                .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(jsonEntryPoint()).accessDeniedHandler(jsonDenied()));
        var decoder = jwtDecoder.getIfAvailable();
        if (decoder != null) {
            http.oauth2ResourceServer(rs -> rs
                    .bearerTokenResolver(notRastroTokens())
                    .authenticationEntryPoint(bearerEntryPoint())
                    .accessDeniedHandler(jsonDenied())
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new JwtPrincipalConverter(settings.jwt()))));
        }
        return http.build();
    }

    /**
     * No Spring Security observations: they wrap every filter, authentication and authorization decision of every
     * request in a span (a measurable share of the CPU of a short request on 2 cores). HTTP requests are still
     * observed as a whole ({@code http.server.requests}).
     */
    @Bean
    public org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** Password checks for Basic and the login form, bcrypt at most once a minute per user (see the class). */
    @Bean
    public CachingPasswordAuthentication passwordAuthentication(StoreUserDetailsService users, PasswordEncoder encoder,
                                                                java.time.Clock clock) {
        return new CachingPasswordAuthentication(users, encoder, clock);
    }

    /**
     * Spring Security's sign-in page at GET /login. It generates the page by itself only while the default entry
     * point is in place, and ours answers JSON, so the page is added here, with the CSRF field the form needs.
     */
    private static DefaultLoginPageGeneratingFilter loginPage() {
        var page = new DefaultLoginPageGeneratingFilter();
        page.setFormLoginEnabled(true);
        page.setLoginPageUrl("/login");
        page.setAuthenticationUrl("/login");
        page.setFailureUrl("/login?error");
        page.setLogoutSuccessUrl("/login?logout");
        page.setUsernameParameter("username");
        page.setPasswordParameter("password");
        page.setResolveHiddenInputs(request -> request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token
                ? Map.of(token.getParameterName(), token.getToken())
                : Map.of());
        return page;
    }

    /** Unsafe methods need a CSRF token only when a browser could have attached credentials on its own. */
    static boolean needsCsrf(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return false;
        }
        return request.getHeader(HttpHeaders.COOKIE) != null || "/login".equals(path(request));
    }

    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** The resource server must leave {@code rst_} tokens to {@link BearerTokenFilter}, or it would reject them. */
    private static BearerTokenResolver notRastroTokens() {
        var standard = new DefaultBearerTokenResolver();
        return request -> {
            var token = standard.resolve(request);
            return token == null || token.startsWith(ApiTokens.PREFIX) ? null : token;
        };
    }

    private static AuthenticationEntryPoint jsonEntryPoint() {
        return (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Rastro\"");
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHORIZED", "Authentication is required.");
        };
    }

    /** A rejected access token: the same JSON as any 401, with the Bearer challenge RFC 6750 asks for. */
    private static AuthenticationEntryPoint bearerEntryPoint() {
        return (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHORIZED",
                    "The access token is not valid, has expired or lacks the claims this service needs.");
        };
    }

    private static AccessDeniedHandler jsonDenied() {
        return (request, response, exception) -> write(response, HttpServletResponse.SC_FORBIDDEN, "FORBIDDEN",
                exception instanceof CsrfException
                        ? "A request with a session cookie needs the session's CSRF token (or use an Authorization header)."
                        : "The caller may not do this.");
    }

    private static void write(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        var body = new LinkedHashMap<String, String>();
        body.put("error", code);
        body.put("message", message);
        response.getWriter().write(JsonMapper.shared().writeValueAsString(body));
    }
}
