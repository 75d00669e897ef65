/**
 * Who is calling and what they may see. People authenticate with HTTP Basic (or form login) against the users
 * table; machines with bearer API tokens ({@code rst_<id>.<secret>}); production may add an OIDC resource server.
 * Every authentication ends as a {@link io.rastro.security.RastroPrincipal}, and every report statement is scoped
 * by the {@link io.rastro.security.TenantScope} derived from it, never by arguments.
 */
package io.rastro.security;
