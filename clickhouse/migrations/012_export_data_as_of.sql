-- Export jobs keep up to when the account's data was complete when they started, so the file can say it.
--
-- Why this design:
-- * The cutoff (a snapshot by arrival time) already fixes which rows are in the file; data_as_of says how complete
--   that snapshot is by event time: every batch acknowledged up to it is in (io.rastro.freshness). It is read once,
--   before the cutoff is taken, and never changes, so the GraphQL job, the download's header and the file's own
--   header or metadata agree.
-- * Nullable: jobs written before this migration have none, and show their cutoff instead.

ALTER TABLE rastro.export_jobs
    ADD COLUMN IF NOT EXISTS data_as_of Nullable(DateTime64(3, 'UTC')) COMMENT 'freshness at the cutoff' AFTER cutoff;
