-- The webhook inbox: every WhatsApp webhook body, exactly as received and signed, is kept here before its request
-- is answered, and applied to the report's tables (events, rows, recompute, watermarks) right after. A 200 then
-- means the body is stored, and answering no longer waits for the apply, whose statements cost far more than one
-- insert. A body whose group was not applied (the instance stopped in between, or the apply failed) is applied
-- again from here by any instance (io.rastro.webhook.WebhookCommitter): its events are idempotent.
--
-- No tenant key: a body is routed to its account (by its business number) only when it is applied, and one body
-- may hold changes for numbers of several accounts. Nothing reads it but the recovery, by time.

CREATE TABLE IF NOT EXISTS rastro.webhook_inbox
(
    received_at DateTime64(3, 'UTC') COMMENT 'when the group was stored (before its requests were answered)',
    group_id    String COMMENT 'the group commit that stored the body; applied as a whole',
    seq         UInt32 COMMENT 'the body''s place in its group',
    body        String COMMENT 'the request body, byte for byte' CODEC(ZSTD(1))
)
ENGINE = MergeTree
ORDER BY (received_at, group_id, seq)
TTL toDateTime(received_at) + INTERVAL 7 DAY;

CREATE TABLE IF NOT EXISTS rastro.webhook_inbox_applied
(
    received_at DateTime64(3, 'UTC') COMMENT 'the group''s received_at, so that recovery reads the marks of its window only',
    group_id    String,
    applied_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (received_at, group_id)
TTL toDateTime(received_at) + INTERVAL 8 DAY;
