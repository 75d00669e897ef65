/**
 * Who is calling and what they may see. Every authentication ends as a {@link io.rastro.security.RastroPrincipal},
 * and every report statement is scoped by the {@link io.rastro.security.TenantScope} derived from it, never by
 * arguments.
 *
 * <ul>
 *   <li><b>People</b> sign in with HTTP Basic or the form at {@code /login} against {@code rastro.users} (bcrypt).
 *   Failed sign-ins are rate limited by {@link io.rastro.security.LoginThrottle}: 5 failures of one user name or 20
 *   from one client address within 5 minutes lock it out for 5 minutes (429, {@code Retry-After}, one JSON body
 *   whether or not the user exists); settings under {@code rastro.security.login.*}. The limiter is in memory and
 *   per instance. The client address is the servlet's remote address: behind a proxy, set
 *   {@code server.forward-headers-strategy} so it is the client's and not the proxy's.</li>
 *   <li><b>Machines</b> use API tokens {@code rst_<id>.<secret>} ({@link io.rastro.security.ApiTokens}), managed by
 *   account administrators through GraphQL ({@link io.rastro.security.TokenService}); a revocation counts from the
 *   next request.</li>
 *   <li><b>Rows of users and tokens</b> are remembered for {@code rastro.security.principal-cache-ttl} (5 s) by a
 *   {@link io.rastro.security.FreshnessCache}: reading them cost an engine statement per request. Revocations made
 *   through Rastro drop the entry at once; a hand edit of the tables counts within the TTL.</li>
 *   <li><b>OIDC</b> (optional): when {@code spring.security.oauth2.resourceserver.jwt.issuer-uri},
 *   {@code jwk-set-uri} or {@code public-key-location} is set, other bearer values are verified as JWTs and mapped
 *   by {@link io.rastro.security.JwtPrincipalConverter} (claims named by {@code rastro.security.jwt.*}; audiences
 *   by Boot's {@code spring.security.oauth2.resourceserver.jwt.audiences}). Without it they get 401.</li>
 *   <li><b>Errors</b> are JSON ({@code {"error": CODE, "message": ...}}) at the HTTP level (401, 403, 429) and
 *   classified GraphQL errors inside; a token or subaccount of another account is NOT_FOUND, like an unknown
 *   one, and messages echo only what the caller sent.</li>
 * </ul>
 */
package io.rastro.security;
