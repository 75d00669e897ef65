-- Saved searches: a named report filter a person keeps for reuse in the report, in counts and in exports.
--
-- Why this design:
-- * Few rows, edited by people: a ReplacingMergeTree(version) with a deleted flag, like the directory. Every edit
--   or deletion writes a whole new row with a higher version; readers use FINAL (and NOT deleted after it), so
--   the next read sees the change without waiting for a merge.
-- * Tenant first in ORDER BY: every read names the caller's account; search_id is random and never reused.
-- * The filter (MessageFilter without its period) is kept as JSON text, so a field the report gains later needs
--   no schema change. The period is kept in columns because it is what changes meaning with time: NONE (given
--   at each use), ABSOLUTE (period_from/period_to) or RELATIVE (a range such as LAST_7_DAYS, evaluated in
--   time_zone when used).
-- * columns and sort are opaque to the report (exports read them); sort is a MessageSort name or ''.

CREATE TABLE IF NOT EXISTS rastro.saved_searches
(
    account_id  LowCardinality(String) COMMENT 'tenant; always derived from the authenticated principal',
    search_id   String,
    owner       String COMMENT 'user_id (e-mail) of the person who saved it',
    name        String COMMENT 'unique per owner, case-insensitively',
    description String,
    shared      Bool COMMENT 'visible to every user of the account, not only to the owner',
    filter      String COMMENT 'MessageFilter without period, as JSON',
    period_kind Enum8('NONE' = 0, 'ABSOLUTE' = 1, 'RELATIVE' = 2),
    relative    LowCardinality(String) COMMENT 'RELATIVE: LAST_7_DAYS, LAST_MONTH, ...; otherwise empty',
    time_zone   LowCardinality(String) COMMENT 'RELATIVE: the IANA zone it is evaluated in; otherwise empty',
    period_from Nullable(DateTime64(3, 'UTC')) COMMENT 'ABSOLUTE: start, inclusive',
    period_to   Nullable(DateTime64(3, 'UTC')) COMMENT 'ABSOLUTE: end, exclusive',
    columns     Array(String) COMMENT 'report/export columns, in order; opaque here',
    sort        LowCardinality(String) COMMENT 'a MessageSort name, or empty for the default',
    created_at  DateTime64(3, 'UTC'),
    updated_at  DateTime64(3, 'UTC'),
    version     UInt64 COMMENT 'microseconds, strictly increasing per process',
    deleted     Bool DEFAULT false
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (account_id, search_id);
