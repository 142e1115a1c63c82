-- Webhooks as the read side learns them from the events, the links as far as deliveries need them (owner and the
-- link's representation), and the deliveries: one row per change and webhook, retried until delivered or FAILED.
create table if not exists webhook (
    id         varchar(64)              not null primary key,
    owner      varchar(255)             not null,
    url        text                     not null,
    events     text[]                   not null,
    created_at timestamp with time zone not null,
    deleted_at timestamp with time zone
);
create index if not exists webhook_by_owner on webhook (owner) where deleted_at is null;

create table if not exists webhook_link (
    code          varchar(64)              not null primary key,
    owner         varchar(255)             not null,
    url           text                     not null,
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone,
    redirect_type smallint                 not null,
    status        varchar(16)              not null
);

create table if not exists webhook_delivery (
    id              uuid                     not null primary key,
    webhook_id      varchar(64)              not null,
    event           varchar(32)              not null,
    body            bytea                    not null,
    status          varchar(16)              not null,
    attempts        integer                  not null,
    last_status     integer,
    last_error      text,
    created_at      timestamp with time zone not null,
    last_attempt_at timestamp with time zone,
    next_attempt_at timestamp with time zone not null,
    lease_until     timestamp with time zone
);
create index if not exists webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'RETRYING';
create index if not exists webhook_delivery_log on webhook_delivery (webhook_id, created_at desc);
