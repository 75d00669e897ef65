/**
 * The report console and GraphiQL as pages of the service: the bundles built from {@code web/} (served as static
 * resources from the jar), the routes that lead to them, and the session details a page needs to call the GraphQL
 * API with its cookie (the CSRF token). The pages hold no data of their own: everything they show comes from
 * {@code /graphql}, under the same scope rules as any other caller.
 */
package io.rastro.console;
