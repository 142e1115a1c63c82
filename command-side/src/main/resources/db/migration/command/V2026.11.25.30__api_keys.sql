-- The command side's own table of issued API keys (projection of ApiKeyIssued/ApiKeyRevoked, updated in the same
-- transaction as the event store): only SHA-256 hashes of the keys, never the keys.
create table if not exists api_key (
    id                  varchar(64)  not null primary key,
    key_hash            char(64)     not null unique,
    owner               varchar(64)  not null,
    rate_limit_per_hour integer,
    issued_at           timestamptz  not null,
    revoked_at          timestamptz
);
