/**
 * Ingestion: {@code POST /api/v1/events} takes newline-delimited JSON events (MT accepted, status update, MO
 * received) from an ingestion token's account. A batch is validated line by line while it streams to spill files,
 * stored only when every line is valid (all-or-nothing), and then every touched message's current row is
 * recomputed from its whole status history, so replays and out-of-order arrival converge to the same rows.
 * The event format is documented in {@code docs/events.md}.
 */
package io.rastro.ingest;
