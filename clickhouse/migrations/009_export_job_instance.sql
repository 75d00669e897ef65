-- Export jobs name the Rastro instance that wrote their current version, so several instances can share one store.
--
-- Why this design:
-- * While a job is QUEUED or RUNNING only the instance running it writes it (its progress, and a heartbeat every
--   rastro.export.heartbeat even when no row moved), and a version is the time of its save in microseconds: the
--   version of an unfinished job is its heartbeat. A job whose heartbeat is older than rastro.export.stale-after
--   has lost its worker and is failed by whichever instance notices; a restarting instance fails at once the jobs
--   it owned before it started. No other instance's running job is touched.
-- * No column for the heartbeat: the version already is one, and a second clock column could disagree with it.

ALTER TABLE rastro.export_jobs
    ADD COLUMN IF NOT EXISTS instance String DEFAULT '' COMMENT 'the instance that wrote this version' AFTER expires_at;
