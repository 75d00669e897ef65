-- The directory: accounts (tenants), their subaccounts, users and campaigns, and API tokens.
-- Mutable rows are ReplacingMergeTree(version) with a deleted flag; readers use FINAL so an edit or a
-- revocation is visible to the very next read.

CREATE TABLE IF NOT EXISTS rastro.accounts
(
    account_id LowCardinality(String),
    name       String,
    version    UInt64,
    deleted    Bool DEFAULT false
)
ENGINE = ReplacingMergeTree(version)
ORDER BY account_id;

CREATE TABLE IF NOT EXISTS rastro.subaccounts
(
    account_id    LowCardinality(String),
    subaccount_id String,
    name          String,
    version       UInt64,
    deleted       Bool DEFAULT false
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (account_id, subaccount_id);

CREATE TABLE IF NOT EXISTS rastro.campaigns
(
    account_id    LowCardinality(String),
    campaign_id   String,
    subaccount_id String,
    name          String,
    version       UInt64,
    deleted       Bool DEFAULT false
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (account_id, campaign_id);

CREATE TABLE IF NOT EXISTS rastro.users
(
    user_id       String COMMENT 'login: an e-mail address',
    account_id    LowCardinality(String),
    display_name  String,
    password_hash String COMMENT 'bcrypt',
    role          Enum8('ADMIN' = 1, 'SUBACCOUNT_USER' = 2),
    subaccounts   Array(String) COMMENT 'for SUBACCOUNT_USER: the subaccounts this user may see',
    version       UInt64,
    deleted       Bool DEFAULT false
)
ENGINE = ReplacingMergeTree(version)
ORDER BY user_id;

CREATE TABLE IF NOT EXISTS rastro.api_tokens
(
    token_id     String COMMENT 'public part of the token, used to find it',
    account_id   LowCardinality(String),
    name         String,
    kind         Enum8('READ' = 1, 'INGEST' = 2),
    subaccounts  Array(String) COMMENT 'empty: every subaccount of the account',
    secret_hash  String COMMENT 'SHA-256 of the secret part; the secret is shown once, at creation',
    created_by   String,
    created_at   DateTime64(3, 'UTC'),
    revoked_at   Nullable(DateTime64(3, 'UTC')),
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY token_id;

CREATE TABLE IF NOT EXISTS rastro.api_token_uses
(
    token_id String,
    used_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (token_id, used_at)
TTL toDateTime(used_at) + INTERVAL 90 DAY;
