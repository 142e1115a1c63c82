-- GET /api/v1/links?q=text: an owner's links whose code, target URL or title contains a text, ignoring case. A
-- trigram index answers ILIKE '%text%' without reading every link of the owner (for texts of 3 characters or more).
-- pg_trgm ships with PostgreSQL and is a trusted extension: a user allowed to create objects in the database may add it.
create extension if not exists pg_trgm;

create index if not exists link_catalog_search on link_catalog
    using gin ((code::text || E'\n' || url || E'\n' || coalesce(title, '')) gin_trgm_ops) where status <> 'DELETED';
