-- Replies: each received message that answers a sent one (WhatsApp's context.id), kept where the sent message's
-- reply outcome is found without a join over the period.
--
-- Why this design:
-- * The answer to "did this message get a reply, and which button?" is asked of a page of sent messages (by
--   their ids), of a whole period (the `replied` filter, the funnel) and of an export. A join of the period's MT
--   rows with its MO rows at read time costs a second scan of the period; this table is small (one row per
--   reply, ~13% of the messages) and sorted by the reply's time, so a period's replies are a range read, and a
--   page's are found through the bloom filter on the answered id.
-- * Fed by a materialized view from rastro.messages, like message_lookup: every ingestion path (events,
--   webhooks, the demo and bench generators) writes it with no code of its own. Only version 0 of an MO row
--   (its first insert) feeds it; a replayed MO inserts the same sort key again, which the ReplacingMergeTree
--   folds, so readers use FINAL.
-- * Partitioned by day of the reply, like messages, so that retention drops both a day at a time.

CREATE TABLE IF NOT EXISTS rastro.message_replies
(
    account_id     LowCardinality(String),
    reply_at       DateTime64(3, 'UTC') COMMENT 'when the reply was received',
    replied_id     String COMMENT 'the sent (MT) message answered: the reply''s context.id',
    reply_id       String COMMENT 'the received (MO) message',
    subaccount_id  LowCardinality(String),
    button_payload String COMMENT 'the quick-reply button tapped, empty for a typed reply',
    button_text    String,
    INDEX idx_replied replied_id TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = ReplacingMergeTree
PARTITION BY toDate(reply_at)
ORDER BY (account_id, reply_at, replied_id, reply_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS rastro.message_replies_mv TO rastro.message_replies AS
SELECT account_id, event_time AS reply_at, reply_to_message_id AS replied_id, message_id AS reply_id, subaccount_id,
       button_payload, button_text
FROM rastro.messages
WHERE direction = 'MO' AND reply_to_message_id != '' AND version = 0;

-- The replies already stored before this migration (rows the view also wrote meanwhile fold into these).
INSERT INTO rastro.message_replies
SELECT account_id, event_time, reply_to_message_id, message_id, subaccount_id, button_payload, button_text
FROM rastro.messages
WHERE direction = 'MO' AND reply_to_message_id != '' AND version = 0;
