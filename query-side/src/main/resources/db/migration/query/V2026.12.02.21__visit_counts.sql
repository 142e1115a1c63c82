-- The visit-counts process: human GET redirects of the links that have a visit limit, and the limit for which the
-- read side last reported that the count reached it (so that it reports each limit once).
create table if not exists visit_count (
    code          varchar(64) not null primary key,
    max_visits    integer,
    visits        bigint      not null default 0,
    reported_max  integer
);

create index if not exists visit_count_limited on visit_count (code) where max_visits is not null;
