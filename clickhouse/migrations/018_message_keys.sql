-- message_keys takes over from message_lookup (001, 005): the same rows, by month and compressed harder.
--
-- Why:
-- * message_lookup has no partitions. A merge of it may take in the whole table and needs that much free disk
--   beside it: at 100M messages the table is some 22 GB, and OPTIMIZE ... FINAL of it wants as much again. By month
--   of the message's time, a merge rewrites at most one month. Retention's DELETE of the keys older than its
--   cutoff also touches only the months it cuts into, instead of every part of the table.
-- * A point lookup names a period, so it reads only the months the period spans (a 90-day lookup: 3 or 4 of them,
--   each one sparse-index probe).
-- * value and message_id are ids and phone numbers, sorted, with long shared prefixes: ZSTD(1) keeps them in half
--   the space LZ4 does (on the benchmark's 200k data set, 23 against 46 MiB for the whole table, one part a
--   month), and a lookup decompresses only the granule or two it reads.
-- * The rows come from the same view over messages as before. The old rows are copied here; the old table and
--   its view go in migration 019, so that a run stopped half way through this one is simply repeated (a row copied
--   twice is one row: ReplacingMergeTree, and readers only ask whether a key exists).

CREATE TABLE IF NOT EXISTS rastro.message_keys
(
    account_id LowCardinality(String),
    kind       LowCardinality(String) COMMENT 'ID, PHONE, WA_ID, BSUID, CORRELATION or CONVERSATION',
    value      String CODEC(ZSTD(1)),
    event_time DateTime64(3, 'UTC'),
    message_id String CODEC(ZSTD(1))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (account_id, kind, value, event_time, message_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS rastro.message_keys_mv TO rastro.message_keys AS
SELECT account_id, lookup.1 AS kind, lookup.2 AS value, event_time, message_id
FROM rastro.messages
ARRAY JOIN arrayFilter(x -> x.2 != '' AND NOT (x.1 = 'WA_ID' AND x.2 = contact_phone), [
    ('ID', message_id),
    ('PHONE', contact_phone),
    ('WA_ID', contact_wa_id),
    ('BSUID', contact_bsuid),
    ('CORRELATION', correlation_id),
    ('CONVERSATION', conversation_id)
]) AS lookup
WHERE version = 0;

INSERT INTO rastro.message_keys (account_id, kind, value, event_time, message_id)
SELECT account_id, kind, value, event_time, message_id FROM rastro.message_lookup
SETTINGS max_partitions_per_insert_block = 0;
