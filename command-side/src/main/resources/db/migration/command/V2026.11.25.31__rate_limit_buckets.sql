-- Bucket4j's token buckets for the creation rate limits, shared by every instance of the command side.
-- expires_at (epoch milliseconds) lets full buckets be removed.
create table if not exists rate_limit_bucket (
    id         varchar(128) not null primary key,
    state      bytea,
    expires_at bigint
);
