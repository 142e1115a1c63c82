-- The link-catalog projection: every link with its current state, for the metadata and list reads.
create table if not exists link_catalog (
    code          varchar(64)              not null primary key,
    url           text                     not null,
    owner         varchar(255),
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone,
    redirect_type smallint                 not null,
    status        varchar(16)              not null
);

-- GET /api/v1/links: one owner's links that are not deleted, newest first.
create index if not exists link_catalog_by_owner on link_catalog (owner, created_at desc, code desc) where status <> 'DELETED';
