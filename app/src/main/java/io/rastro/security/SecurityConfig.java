package io.rastro.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * Two filter chains. The first, for {@code /webhooks/whatsapp} only, authenticates nobody: Meta's bodies are
 * authenticated by their signature ({@code io.rastro.webhook.WebhookServlet}), carry no cookie and open no session,
 * so that chain keeps the security headers and leaves out login, sessions, CSRF and the request cache (a share of
 * the CPU of each of thousands of small requests a second). The second takes every other request: health is public (details only for administrators), info is for administrators, ingestion needs
 * an ingestion token, everything else an authenticated person, read token or (when configured) OIDC access token.
 *
 * <ul>
 *   <li>People use HTTP Basic or the sign-in page at /login ({@code io.rastro.console.LoginPage}). A browser
 *   opening a page anonymously is sent to /login and, once signed in, back to the link it opened; requests a page
 *   makes itself get a 401 without a Basic challenge, so the browser never shows its own password prompt. Failed
 *   password sign-ins are throttled per (user, address) and per address, never per user alone
 *   ({@link LoginThrottle}); a throttled sign-in gets 429.</li>
 *   <li>{@code Bearer rst_…} values are Rastro API tokens ({@link BearerTokenFilter}). Any other bearer value goes
 *   to the OAuth2 resource server when Spring Boot has built a {@link JwtDecoder} (that is, when
 *   {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri} or
 *   {@code public-key-location} is set); without one it authenticates nothing and the request gets 401.</li>
 *   <li>CSRF protection guards what a browser sends by itself: the session cookie of a form login. Pages get the
 *   token from GET /api/v1/session/csrf. It is skipped for requests whose Authorization header authenticates them
 *   (Basic or Bearer: a cross-site page cannot set one) and for requests with no cookie at all (they carry no
 *   session to abuse, and so get a plain 401 when anonymous); the login form itself stays protected against
 *   login CSRF.</li>
 *   <li>Every answer carries {@link #CONTENT_SECURITY_POLICY}; the session cookie is SameSite=Lax and HttpOnly
 *   (application.properties), and Secure with HSTS whenever the request came over TLS.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfig {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * Sent on every answer, the console and GraphiQL included: nothing may load from another origin, no inline
     * script or style sheet runs, nothing may frame a page or take a form elsewhere. (Styles that scripts set
     * through the DOM, as GraphiQL's editor and the charts do, are not inline style sheets and still apply.)
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** The webhook path: no principal, no session, no CSRF token (see the class); the headers as everywhere. */
    @Bean
    @Order(0)
    public SecurityFilterChain webhookFilterChain(HttpSecurity http) {
        http.securityMatcher("/webhooks/whatsapp")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    @Bean
    @Order(1)
    public SecurityFilterChain filterChain(HttpSecurity http, ApiTokens tokens, LoginThrottle throttle,
                                           ObjectProvider<JwtDecoder> jwtDecoder, SecuritySettings settings) {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/actuator/info").hasRole("ADMIN")
                        // The console's and GraphiQL's bundles: code and styles only, no data; the pages that
                        // load them (/, /graphiql) need a signed-in caller.
                        .requestMatchers(HttpMethod.GET, "/assets/**", "/favicon.svg", "/login.css", "/login.js").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/events").hasRole("INGEST")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Rastro").authenticationEntryPoint(jsonEntryPoint()))
                .formLogin(form -> form.loginPage("/login").permitAll().defaultSuccessUrl("/"))
                .requestCache(cache -> cache.requestCache(pageRequestCache()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfig::needsCsrf))
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
     * Unsafe methods need a CSRF token only when a browser could have attached credentials on its own. An
     * Authorization header skips the check only when it is one this service authenticates with (Basic or Bearer):
     * then that header, not a cookie, decides who the caller is, and a wrong one is a 401. Any other header (say
     * {@code Foo bar}) authenticates nothing, so a session cookie beside it would.
     */
    static boolean needsCsrf(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod()) || authenticatesItself(request)) {
            return false;
        }
        return request.getHeader(HttpHeaders.COOKIE) != null || "/login".equals(path(request));
    }

    private static boolean authenticatesItself(HttpServletRequest request) {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && (header.regionMatches(true, 0, "Basic ", 0, 6)
                || header.regionMatches(true, 0, "Bearer ", 0, 7));
    }

    /**
     * A page a person opened in the browser (a GET asking for HTML, with no Authorization header), as opposed to
     * an API call: such a request is sent to the sign-in page when anonymous, and remembered so that signing in
     * returns to it (a shared console link keeps its filter).
     */
    static boolean isPageNavigation(HttpServletRequest request) {
        var accept = request.getHeader(HttpHeaders.ACCEPT);
        return "GET".equals(request.getMethod()) && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && accept != null && accept.contains("text/html");
    }

    /**
     * A request that a page made (a fetch, a style sheet): browsers mark those with {@code Sec-Fetch-*} headers,
     * which API clients do not send. Their 401 carries no Basic challenge, or the browser would pop up its own
     * password prompt over the page; people sign in through the form instead.
     */
    static boolean fromBrowserPage(HttpServletRequest request) {
        return request.getHeader("Sec-Fetch-Mode") != null;
    }

    private static org.springframework.security.web.savedrequest.RequestCache pageRequestCache() {
        var cache = new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
        cache.setRequestMatcher(SecurityConfig::isPageNavigation);
        return cache;
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

    /** A person's browser goes to the sign-in page; any other caller gets JSON with the Basic challenge. */
    private static AuthenticationEntryPoint jsonEntryPoint() {
        return (request, response, exception) -> {
            if (isPageNavigation(request)) {
                response.sendRedirect(request.getContextPath() + "/login");
                return;
            }
            if (!fromBrowserPage(request)) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Rastro\"");
            }
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
