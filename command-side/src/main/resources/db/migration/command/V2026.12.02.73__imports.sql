-- Import jobs (docs/adr/0073). The rows of the uploaded file are kept here until the job is done, so that any
-- instance can resume a job whose instance died: import_job.last_line says how far it got, in the same transaction as
-- the links it created.
create table if not exists import_job (
    id           uuid         primary key,
    owner        varchar(255) not null,
    status       varchar(16)  not null,
    total        bigint       not null,
    processed    bigint       not null default 0,
    imported     bigint       not null default 0,
    skipped      bigint       not null default 0,
    error_count  bigint       not null default 0,
    last_line    bigint       not null default 0,
    -- the instance working the job and its last sign of life (the database's clock); a silent one is taken over
    worker       uuid,
    heartbeat_at timestamptz,
    -- how many times a worker took the job up: a job that keeps failing is FAILED rather than retried for ever
    attempts     integer      not null default 0,
    failure      text,
    created_at   timestamptz  not null,
    finished_at  timestamptz
);
create index if not exists import_job_running on import_job (heartbeat_at) where status = 'RUNNING';
-- one running import per owner: a second one waits for the first's insert, then fails
create unique index if not exists import_job_one_running_per_owner on import_job (owner) where status = 'RUNNING';

create table if not exists import_row (
    import_id  uuid          not null references import_job (id) on delete cascade,
    line       bigint        not null,
    url        text,
    code       text,
    created_at text,
    title      text,
    tags       text,
    primary key (import_id, line)
);

-- The first 100 errors of each job, in line order.
create table if not exists import_error (
    import_id uuid         not null references import_job (id) on delete cascade,
    line      bigint       not null,
    code      varchar(64)  not null,
    message   text         not null,
    primary key (import_id, line)
);

-- Rows without a code get a generated one, remembered under the row's content, so that importing the same file
-- again finds the link it made the first time instead of making a second one.
create table if not exists import_origin (
    owner       varchar(255) not null,
    fingerprint char(64)     not null,
    code        varchar(64)  not null,
    primary key (owner, fingerprint)
);
