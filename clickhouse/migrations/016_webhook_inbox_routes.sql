-- The routes a webhook body's numbers had when it was received, kept beside the body in the inbox (migration 014),
-- so that a recovery routes it the same way: a number removed and registered to another account in between must
-- not take this account's traffic there. Three arrays of the same length: a number, its account, its subaccount.
-- Bodies stored before this migration have none: if recovered, their changes are kept as unrouted, which an
-- administrator replays into the account (registerWhatsAppNumber, replayUnroutedWebhooks); none is misrouted.

ALTER TABLE rastro.webhook_inbox
    ADD COLUMN IF NOT EXISTS route_numbers Array(String) COMMENT 'the phone_number_ids of the body that had a route',
    ADD COLUMN IF NOT EXISTS route_accounts Array(String) COMMENT 'their accounts, in the same order',
    ADD COLUMN IF NOT EXISTS route_subaccounts Array(String) COMMENT 'their subaccounts, in the same order';
