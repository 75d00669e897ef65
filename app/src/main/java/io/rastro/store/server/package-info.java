/** The server engine: a ClickHouse server or cluster reached through the official client-v2 over HTTP. */
package io.rastro.store.server;
