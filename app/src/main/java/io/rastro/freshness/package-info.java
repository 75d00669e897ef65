/**
 * Freshness: up to when each account's data is complete. Every ingestion path records, once a batch is
 * acknowledged (stored and applied), how far its source has delivered ({@link io.rastro.freshness.Freshness#advance});
 * every report answer can then carry {@code dataAsOf}, the oldest watermark among the account's active sources.
 * The account always comes from the caller's principal.
 */
package io.rastro.freshness;
