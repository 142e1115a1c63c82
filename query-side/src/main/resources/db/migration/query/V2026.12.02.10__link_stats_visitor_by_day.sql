-- Visitor rows are kept only for the days whose unique visitors can still change: the latest day of people's clicks
-- and the day before it (docs/adr/0043). The projection drops older days as the clicks move on; leading the key with
-- the day makes that drop, and finding the latest day, an index range instead of a scan of the table.

-- Rows of days that are closed already: their counts are in link_stats_daily, and no visitor can match them again.
delete from link_stats_visitor where day < (select max(day) - 1 from link_stats_visitor);

-- A table switched in by a replay carries the name its primary key got as the replay's twin: look it up.
do $$
declare
    key_name text;
begin
    select conname into key_name from pg_constraint
    where conrelid = 'link_stats_visitor'::regclass and contype = 'p';
    execute format('alter table link_stats_visitor drop constraint %I', key_name);
end $$;

alter table link_stats_visitor add primary key (day, code, visitor);
