-- Messages: one current row per message, plus the append-only status history it is computed from.
--
-- Why this design:
-- * A message's status changes over time (accepted -> sent -> delivered -> read, or failed) and status events
--   arrive alone, out of order and duplicated. Every event lands in status_events (keyed so that an exact
--   duplicate collapses); the current row in messages is recomputed from ALL of a message's events at ingest,
--   so the result does not depend on arrival order and a replay changes nothing. Precedence (rank) is
--   accepted < sent < failed < delivered < read < played: proof of delivery outranks an earlier failure seen on
--   another device, and a failure keeps its code and title in error_code/error_title regardless.
-- * messages is a ReplacingMergeTree(version): each recompute writes a new version of the same sort key, and
--   readers use FINAL, so counts never see two versions of one message. The first version of an MT row has
--   version 0, so a retried MT event can never overwrite a recomputed status.
-- * Tenant key first in ORDER BY, then time: every report query names an account and a period. Partitions are
--   by day of the message time. Every version of a message lands in the same partition (its time never
--   changes), so readers set do_not_merge_across_partitions_select_final and a day compacted to one part (see
--   the store's Compactor) is read with FINAL at almost the cost of a plain read; only the few days still
--   receiving status updates pay for merging versions. Skip indexes serve id, phone, correlation id and
--   conversation id lookups.
-- * message_lookup (fed by a materialized view) is sorted by (account, kind, value, time) so point lookups by
--   id, phone, WhatsApp id, correlation id or conversation id read a few granules instead of the whole
--   account-period, and then hit messages through its primary key.

CREATE TABLE IF NOT EXISTS rastro.messages
(
    account_id              LowCardinality(String) COMMENT 'tenant; always derived from the authenticated principal',
    event_time              DateTime64(3, 'UTC') COMMENT 'MT: sent (accepted) at; MO: received at',
    message_id              String COMMENT 'WhatsApp message id (wamid.*)',
    direction               Enum8('MT' = 1, 'MO' = 2),
    subaccount_id           LowCardinality(String),
    user_id                 LowCardinality(String) COMMENT 'platform user who triggered the send or owns the campaign',
    campaign_id             LowCardinality(String),
    campaign_name           LowCardinality(String),
    content_type            LowCardinality(String),
    template_name           LowCardinality(String),
    template_language       LowCardinality(String),
    text                    String COMMENT 'MT: text or rendered template body; MO: received text',
    contact_phone           String COMMENT 'E.164 digits without +, empty when WhatsApp gave none',
    contact_wa_id           String,
    contact_bsuid           String COMMENT 'business-scoped user id (2026+), empty when absent',
    sent_with_session       Bool COMMENT 'MT sent while a 24 h customer-service window was open',
    correlation_id          String COMMENT 'client-supplied',
    conversation_id         String,
    conversation_type       LowCardinality(String) COMMENT 'BUSINESS_INITIATED, USER_INITIATED, FREE_ENTRY_POINT or empty',
    conversation_expires_at Nullable(DateTime64(3, 'UTC')),
    pricing_category        LowCardinality(String),
    button_payload          String COMMENT 'MO: quick-reply button tapped',
    button_text             String,
    reply_to_message_id     String COMMENT 'MO: the MT message answered (context.id)',
    status                  LowCardinality(String) COMMENT 'MT: ACCEPTED, SENT, DELIVERED, READ, PLAYED, FAILED; MO: RECEIVED',
    status_at               DateTime64(3, 'UTC'),
    sent_at                 Nullable(DateTime64(3, 'UTC')),
    delivered_at            Nullable(DateTime64(3, 'UTC')),
    read_at                 Nullable(DateTime64(3, 'UTC')),
    failed_at               Nullable(DateTime64(3, 'UTC')),
    error_code              UInt32 COMMENT '0 when the message never failed',
    error_title             String,
    ingested_at             DateTime64(3, 'UTC') DEFAULT now64(3),
    version                 UInt64,
    INDEX idx_message_id message_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_phone contact_phone TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_correlation correlation_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_conversation conversation_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toDate(event_time)
ORDER BY (account_id, event_time, message_id);

CREATE TABLE IF NOT EXISTS rastro.status_events
(
    account_id  LowCardinality(String),
    message_id  String,
    status      LowCardinality(String),
    status_at   DateTime64(3, 'UTC'),
    error_code  UInt32,
    error_title String,
    received_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY (account_id, message_id, status_at, status, error_code);

CREATE TABLE IF NOT EXISTS rastro.message_lookup
(
    account_id LowCardinality(String),
    kind       LowCardinality(String) COMMENT 'ID, PHONE, WA_ID, BSUID, CORRELATION or CONVERSATION',
    value      String,
    event_time DateTime64(3, 'UTC'),
    message_id String
)
ENGINE = ReplacingMergeTree
ORDER BY (account_id, kind, value, event_time, message_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS rastro.message_lookup_mv TO rastro.message_lookup AS
SELECT account_id, lookup.1 AS kind, lookup.2 AS value, event_time, message_id
FROM rastro.messages
ARRAY JOIN arrayFilter(x -> x.2 != '', [
    ('ID', message_id),
    ('PHONE', contact_phone),
    ('WA_ID', contact_wa_id),
    ('BSUID', contact_bsuid),
    ('CORRELATION', correlation_id),
    ('CONVERSATION', conversation_id)
]) AS lookup
WHERE version = 0;
