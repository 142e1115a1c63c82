-- The reads bench/catalog-search.sql times, with and without the index: a rare text (1,000 matches) counted and its
-- first page, a common one (10,000; "mail" is in every URL), a 2-letter one (no trigram).
select count(*) from link_catalog where :mine ilike '%campaign%';
select code from link_catalog where :mine ilike '%campaign%' order by created_at desc, code desc offset 0 limit 20;
select count(*) from link_catalog where :mine ilike '%mail42%';
select count(*) from link_catalog where :mine ilike '%ab%';
