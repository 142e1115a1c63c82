-- Revision 2 of the link events: visit limit, query forwarding, tags and title. Rows of links created before keep
-- what revision-1 events mean: no limit, no forwarding, no tags, no title.
alter table link_catalog
    add column if not exists max_visits    integer,
    add column if not exists forward_query boolean not null default false,
    add column if not exists tags          text[]  not null default '{}',
    add column if not exists title         text;

-- GET /api/v1/links?tag=t: an owner's links with a tag.
create index if not exists link_catalog_by_tag on link_catalog using gin (tags) where status <> 'DELETED';
