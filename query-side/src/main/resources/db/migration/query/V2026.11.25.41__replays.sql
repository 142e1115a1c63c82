-- The replays started on this read side and how they ended, kept across restarts for the admin API and the CLI.
create table replay (
    id                 varchar(36) primary key,
    projection         varchar(64) not null,
    accept_differences boolean     not null,
    status             varchar(16) not null,
    processed          bigint      not null,
    total              bigint      not null,
    started_at         timestamptz not null,
    finished_at        timestamptz,
    error              text,
    differences        text[]      not null
);

create index replay_started_at on replay (started_at desc);
