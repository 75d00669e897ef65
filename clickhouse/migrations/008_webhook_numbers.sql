-- WhatsApp Cloud API webhooks (POST /webhooks/whatsapp): which account a business number belongs to, what could
-- not be routed or mapped, and the per-step conversation and pricing a status webhook carries.
--
-- Why this design:
-- * whatsapp_numbers is keyed by phone_number_id alone: a number belongs to at most one account at a time, so the
--   key itself says who holds it and a register is one point read. Edits and removals write a new version
--   (ReplacingMergeTree(version), deleted flag, readers use FINAL), like the directory.
-- * webhook_unrouted keeps each change (entry[].changes[].value) for a number nobody had registered, as JSON, so an
--   administrator who registers the number later can replay it; replaying writes a new version with replayed_at.
--   Keyed by (number, change hash): Meta's retries of one change collapse into one row.
-- * webhook_unhandled keeps what was understood but not mapped (value-level errors[], unknown fields and types,
--   an id already used otherwise), raw, for 90 days: nothing is dropped silently, and it is never a 500.
-- * status_events gains the conversation and pricing a status webhook carries, per step, so the recompute can
--   give a message row the conversation and pricing category of its latest step that had one (the NDJSON path
--   leaves them empty); pricing model, type and billable are kept in the history for reports to come.

CREATE TABLE IF NOT EXISTS rastro.whatsapp_numbers
(
    phone_number_id      String COMMENT 'Meta''s id of the business number (metadata.phone_number_id)',
    waba_id              String COMMENT 'the WhatsApp Business Account id (entry[].id)',
    account_id           LowCardinality(String),
    subaccount_id        String,
    display_phone_number String,
    registered_by        String,
    registered_at        DateTime64(3, 'UTC'),
    version              UInt64,
    deleted              Bool DEFAULT false
)
ENGINE = ReplacingMergeTree(version)
ORDER BY phone_number_id;

CREATE TABLE IF NOT EXISTS rastro.webhook_unrouted
(
    phone_number_id String,
    change_hash     String COMMENT 'SHA-256 of the change as kept: a retried change is the same row',
    waba_id         String,
    field           LowCardinality(String),
    value           String COMMENT 'the change''s value object, as JSON',
    received_at     DateTime64(3, 'UTC'),
    replayed_at     Nullable(DateTime64(3, 'UTC')),
    replayed_into   LowCardinality(String) COMMENT 'the account it was replayed into',
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (phone_number_id, change_hash);

CREATE TABLE IF NOT EXISTS rastro.webhook_unhandled
(
    account_id      LowCardinality(String) COMMENT 'empty when the body could not be routed',
    received_at     DateTime64(3, 'UTC'),
    phone_number_id String,
    kind            LowCardinality(String) COMMENT 'VALUE_ERROR, UNKNOWN_FIELD, UNKNOWN_TYPE, UNKNOWN_STATUS, REJECTED, ...',
    reason          String,
    raw             String COMMENT 'the part of the body concerned, as JSON'
)
ENGINE = MergeTree
ORDER BY (account_id, received_at)
TTL toDateTime(received_at) + INTERVAL 90 DAY;

ALTER TABLE rastro.status_events
    ADD COLUMN IF NOT EXISTS conversation_id String DEFAULT '',
    ADD COLUMN IF NOT EXISTS conversation_type LowCardinality(String) DEFAULT '',
    ADD COLUMN IF NOT EXISTS conversation_expires_at Nullable(DateTime64(3, 'UTC')),
    ADD COLUMN IF NOT EXISTS pricing_category LowCardinality(String) DEFAULT '',
    ADD COLUMN IF NOT EXISTS pricing_model LowCardinality(String) DEFAULT '',
    ADD COLUMN IF NOT EXISTS pricing_type LowCardinality(String) DEFAULT '',
    ADD COLUMN IF NOT EXISTS pricing_billable Nullable(Bool);
