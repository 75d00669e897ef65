-- Export jobs: one current row per job, so a job's state survives a restart.
--
-- Why this design:
-- * Each state change (queued, running with progress, done, failed, cancelled, expired) writes a new version of
--   the same key; readers use FINAL, so a job is always one row. Progress is written about once a second, not
--   per row, so a long export adds a few hundred versions at most (merged away in the background).
-- * Keyed by (account, job): every read names the caller's account first, so no tenant can reach another's
--   jobs, and looking a job up by id reads one granule.
-- * Job rows are kept 30 days after creation (files themselves live only for rastro.export.retention).

CREATE TABLE IF NOT EXISTS rastro.export_jobs
(
    account_id         LowCardinality(String),
    job_id             String,
    owner              String COMMENT 'principal name: a user e-mail or an API token id',
    format             LowCardinality(String) COMMENT 'CSV, XLSX, PDF or PARQUET',
    status             LowCardinality(String) COMMENT 'QUEUED, RUNNING, DONE, FAILED, CANCELLED or EXPIRED',
    period_from        DateTime64(3, 'UTC'),
    period_to          DateTime64(3, 'UTC'),
    time_zone          String COMMENT 'IANA zone instants are written in',
    locale             LowCardinality(String),
    sort               LowCardinality(String),
    columns            Array(String) COMMENT 'column names in file order',
    cutoff             DateTime64(3, 'UTC') COMMENT 'snapshot: rows first ingested after it are not exported',
    matched_rows       Nullable(UInt64) COMMENT 'rows matching the filter at the cutoff, once counted',
    total_rows         Nullable(UInt64) COMMENT 'rows the file will hold (the PDF cap applied)',
    rows_written       UInt64,
    bytes              UInt64,
    truncated          Bool,
    truncation_message String,
    failure            String,
    created_at         DateTime64(3, 'UTC'),
    started_at         Nullable(DateTime64(3, 'UTC')),
    finished_at        Nullable(DateTime64(3, 'UTC')),
    expires_at         Nullable(DateTime64(3, 'UTC')),
    version            UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (account_id, job_id)
TTL toDateTime(created_at) + INTERVAL 30 DAY;
