-- The link-stats projection. Written by one processor in batches; every row is an additive counter, so that a batch
-- is a handful of bulk upserts, committed in the same transaction as the processor's tracking token.

-- The links the stats know, and whose they are (from LinkCreated): stats of owned links are private.
create table link_stats_link (
    code  varchar(64) primary key,
    owner varchar(255)
);

-- Per link and UTC day. Bot clicks count only in bot_clicks.
create table link_stats_daily (
    code            varchar(64) not null,
    day             date        not null,
    clicks          bigint      not null,
    unique_visitors bigint      not null,
    bot_clicks      bigint      not null,
    primary key (code, day)
);

-- Exact unique visitors: the distinct visitor hashes of a link's day. A hash is new when its insert is not a conflict.
create table link_stats_visitor (
    code    varchar(64) not null,
    day     date        not null,
    visitor varchar(32) not null,
    primary key (code, day, visitor)
);

-- Clicks per link, day and value of a dimension: referrer, country, browser, os, device.
create table link_stats_dimension (
    code      varchar(64) not null,
    day       date        not null,
    dimension varchar(16) not null,
    value     text        not null,
    clicks    bigint      not null,
    primary key (code, dimension, day, value)
);

-- All-time totals per link, for the link's metadata.
create table link_stats_total (
    code       varchar(64) primary key,
    clicks     bigint not null,
    bot_clicks bigint not null
);
