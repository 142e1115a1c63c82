-- Searching one owner's links (GET /api/v1/links?q=) with and without the trigram index, against the query side's
-- schema (apply the Flyway scripts in query-side/src/main/resources/db/migration/query first, on a scratch database).
-- Run: psql -X -f bench/catalog-search.sql <scratch database>
\timing off
truncate link_catalog;
insert into link_catalog (code, url, owner, created_at, redirect_type, status, title)
select 'c' || n, 'https://shop.example/products/' || md5(n::text) || '?ref=mail' || (n % 100), 'bench',
       now() - n * interval '1 second', 302, 'ACTIVE', case when n % 1000 = 0 then 'Spring campaign ' || n end
from generate_series(1, 1000000) n;
vacuum analyze link_catalog;

-- The list's condition, as LinkCatalog writes it.
\set mine 'owner = ''bench'' and status <> ''DELETED'' and (code::text || E''\\n'' || url || E''\\n'' || coalesce(title, ''''))'

\echo 'With the trigram index'
\timing on
\ir catalog-search-reads.sql
\timing off

\echo 'Without it (the same reads, the index out of the planner''s reach)'
begin;
drop index link_catalog_search;
\timing on
\ir catalog-search-reads.sql
\timing off
rollback;
truncate link_catalog;
