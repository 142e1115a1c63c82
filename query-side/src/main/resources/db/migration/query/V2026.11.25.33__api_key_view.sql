-- The read side's table of issued API keys (projection api-key-view, fed from Kafka): only SHA-256 hashes.
create table if not exists api_key_view (
    id                  varchar(64)  not null primary key,
    key_hash            char(64)     not null unique,
    owner               varchar(64)  not null,
    rate_limit_per_hour integer,
    issued_at           timestamptz  not null,
    revoked_at          timestamptz
);
