-- message_lookup: a WhatsApp user id row only when it differs from the message's phone.
--
-- Why: a wa_id is the user's phone number as digits, so for nearly every message it equals contact_phone, and
-- the phone filter already looks both kinds up (kind IN ('PHONE', 'WA_ID')): the PHONE row finds the message.
-- The repeated row was a fifth of the table and of what every insert wrote through this view. A wa_id that
-- differs from the phone (a number WhatsApp normalised, or a message that carries no phone) keeps its row.
-- Rows written before this migration stay; they are redundant, not wrong.

ALTER TABLE rastro.message_lookup_mv MODIFY QUERY
SELECT account_id, lookup.1 AS kind, lookup.2 AS value, event_time, message_id
FROM rastro.messages
ARRAY JOIN arrayFilter(x -> x.2 != '' AND NOT (x.1 = 'WA_ID' AND x.2 = contact_phone), [
    ('ID', message_id),
    ('PHONE', contact_phone),
    ('WA_ID', contact_wa_id),
    ('BSUID', contact_bsuid),
    ('CORRELATION', correlation_id),
    ('CONVERSATION', conversation_id)
]) AS lookup
WHERE version = 0;
