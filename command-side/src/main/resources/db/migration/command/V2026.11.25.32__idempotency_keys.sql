-- Idempotency-Key records of the write endpoints: the first request's fingerprint and, once it is answered, its
-- response, replayed for 24 hours. The primary key makes concurrent duplicates wait for the first one.
create table if not exists idempotency_record (
    scope          varchar(128)  not null,
    idempotency_key varchar(128) not null,
    request_hash   char(64)      not null,
    created_at     timestamptz   not null,
    response_status integer,
    response_type  varchar(255),
    response_location varchar(1024),
    response_body  bytea,
    primary key (scope, idempotency_key)
);
create index if not exists idempotency_record_created_at on idempotency_record (created_at);
