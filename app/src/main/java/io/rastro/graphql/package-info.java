/** GraphQL wiring shared by every domain: scalars, and the depth and complexity limits on every operation. */
package io.rastro.graphql;
