-- The reply state on every sent message's row: how many received messages answer it, and the quick-reply payloads
-- they tapped.
--
-- Why on the row: the `replied` and `replyButtons` filters and the funnel ask it of a whole period. Read from
-- message_replies (migration 007) they are an IN over the period's replies, a hash set of every answered id that
-- each of the period's rows is probed against: a page with its total filtered by `replied` took 3.9 times the
-- same page without the filter at 10M messages. On the row they are a column read beside the others. The
-- recompute (io.rastro.ingest.StatusRecompute) counts them from all of the message's replies, as it derives the
-- status from all of its steps, and a reply makes the message it answers recomputed.
--
-- Upgrading: stop every instance first. An instance of an earlier version, still running beside one that ran this
-- migration, writes rows without the reply state (its recompute does not count replies).

ALTER TABLE rastro.messages
    ADD COLUMN IF NOT EXISTS reply_count UInt32 DEFAULT 0 COMMENT 'MT: received messages that answer it (context.id), reactions included',
    ADD COLUMN IF NOT EXISTS reply_payloads Array(String) DEFAULT [] COMMENT 'MT: the distinct quick-reply payloads its replies tapped, sorted';

-- The replies already stored: a new version of each sent message that has any, with its count and payloads.
INSERT INTO rastro.messages
SELECT m.* REPLACE (r.replies AS reply_count, r.payloads AS reply_payloads,
                    toUInt64(toUnixTimestamp64Micro(now64(6))) AS version)
FROM rastro.messages AS m FINAL
INNER JOIN
(
    SELECT account_id, replied_id, toUInt32(count()) AS replies,
           arraySort(groupUniqArrayIf(button_payload, button_payload != '')) AS payloads
    FROM rastro.message_replies FINAL
    GROUP BY account_id, replied_id
) AS r ON r.account_id = m.account_id AND r.replied_id = m.message_id
WHERE m.direction = 'MT'
-- the messages span every day of their retention (a partition each), and a large store takes a while: no caps
-- meant for a report, and a join that does not hold every account's replies in memory at once
SETTINGS max_partitions_per_insert_block = 0, max_execution_time = 0, join_algorithm = 'partial_merge';
