-- How far each ingestion source has delivered, so that every answer can say up to when its data is complete
-- (dataAsOf; see io.rastro.freshness.Freshness).
--
-- Why this design:
-- * A source is one feed of one account: an NDJSON client (per token), the WhatsApp webhooks, the demo data. Its
--   watermark is the newest event time of the batches it has had acknowledged (a 200: stored and applied), never
--   later than when that batch arrived. A report's dataAsOf is the oldest watermark among the account's active
--   sources: the slowest feed bounds what is complete.
-- * One row per acknowledged batch would be two columns of max(): AggregatingMergeTree with
--   SimpleAggregateFunction(max) folds them as parts merge, and readers take max() GROUP BY source, which is right
--   before and after merges, on one node or across shards, whichever instance wrote the rows.
-- * seen_at is when the source last delivered: a source silent for a day stops holding dataAsOf back (a
--   decommissioned token or a number moved away). Rows go 90 days after the source's last batch (TTL).

CREATE TABLE IF NOT EXISTS rastro.ingest_watermarks
(
    account_id LowCardinality(String),
    source     String COMMENT 'events:<token or user>, whatsapp, demo',
    watermark  SimpleAggregateFunction(max, DateTime64(3, 'UTC')) COMMENT 'newest event time acknowledged',
    seen_at    SimpleAggregateFunction(max, DateTime64(3, 'UTC')) COMMENT 'when its last batch arrived'
)
ENGINE = AggregatingMergeTree
ORDER BY (account_id, source)
TTL toDateTime(seen_at) + INTERVAL 90 DAY;
