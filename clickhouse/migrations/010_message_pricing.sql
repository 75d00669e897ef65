-- Pricing on every message row: WhatsApp's pricing model (CBP until July 2025, PMP since), its type (regular,
-- free_customer_service, free_entry_point) and whether the message is billable, beside the category the row
-- already had.
--
-- Why on the row: "which messages did I pay for?" is a filter, a count dimension and an export column, so it
-- must be read like any other column of a period. The per-step values (migration 008) stay in status_events;
-- the recompute gives the row those of its latest step that carried them, as it does for the category. Rows
-- written before this migration have none (billable NULL: unknown), as do messages no pricing ever reached.

ALTER TABLE rastro.messages
    ADD COLUMN IF NOT EXISTS pricing_model LowCardinality(String) DEFAULT '' COMMENT 'CBP or PMP; empty when unknown',
    ADD COLUMN IF NOT EXISTS pricing_type LowCardinality(String) DEFAULT '' COMMENT 'regular, free_customer_service or free_entry_point; empty when unknown',
    ADD COLUMN IF NOT EXISTS pricing_billable Nullable(Bool) COMMENT 'NULL when no pricing reached the message';
