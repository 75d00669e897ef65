-- message_lookup and its view go: message_keys (018) holds the same rows and is fed by its own view since then.
-- SYNC frees the disk at once, instead of after the Atomic database's delay for dropped tables (8 minutes).
-- Rastro instances on code older than 018 read message_lookup: stop them before starting one that migrates.

DROP VIEW IF EXISTS rastro.message_lookup_mv SYNC;

DROP TABLE IF EXISTS rastro.message_lookup SYNC;
