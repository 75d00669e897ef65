-- Ingestion batches in flight, so that a batch cut short (kill -9, a crash, an engine failure) is finished at the
-- next start instead of staying half applied until its client sends it again.
--
-- Why this design:
-- * A batch stores its status events and messages, then recomputes the current rows. A stop between the two left
--   messages ACCEPTED while their history said DELIVERED. Each batch writes a row here before it stores anything
--   (finished = 0) and a newer version once its recompute is done (finished = 1); at start, a batch of an earlier
--   process still at 0 has its account's rows received since it started recomputed (see IngestRepair).
-- * One row per batch, ReplacingMergeTree by version, read with FINAL: a batch is either finished or not.
-- * Rows are small (an id, an account, a time) and two are written per batch; they go after 30 days (TTL).

CREATE TABLE IF NOT EXISTS rastro.ingest_batches
(
    batch_id    String,
    account_id  LowCardinality(String),
    started_at  DateTime64(3, 'UTC'),
    finished    Bool,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY batch_id
TTL toDateTime(started_at) + INTERVAL 30 DAY;
