/**
 * GraphQL wiring shared by every domain: scalars, the depth and complexity limits on every operation, and the
 * budget of engine statements per request and per caller.
 */
package io.rastro.graphql;
