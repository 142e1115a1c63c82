-- Replays run on any query-side instance. A running one shows it is alive (heartbeat_at, by the database's clock, so
-- that the instances' clocks need not agree) and names the processors it pauses, so that a start on any instance can
-- refuse a second replay of one of them, and a replay whose instance died is failed once its heartbeat is old.
alter table replay add column processing_groups text[] not null default '{}';
alter table replay add column heartbeat_at timestamptz not null default now();
