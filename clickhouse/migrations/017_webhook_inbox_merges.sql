-- The webhook inbox (migration 014) takes one small insert per group commit, a hundred or more a second at peak,
-- and nothing reads it but the recovery, by time. Under the default merge selector (merge_selector_base 5) every
-- part of it smaller than a few MB on disk counts as small, and its bodies compress some 60 times, so its one big
-- part was merged again with every few new ones. In the benchmark's webhook run (12-webhook, 60 s) that rewrote
-- 11.4 GB of bodies (uncompressed) to keep 0.25 GB: half of everything the engine merged, which took 50 s of its
-- threads. With base 50 a merge waits for many parts of like size: 0.9 GB of the inbox rewritten in the same run
-- (16 s of merging in all), at the price of more parts between merges (far under parts_to_delay_insert), which its
-- reader does not mind.

ALTER TABLE rastro.webhook_inbox MODIFY SETTING merge_selector_base = 50;
