-- Issue 16, a year of nights.
--
-- A message whose event day moved later in a re-run (a delivery receipt that came after the day it was first billed
-- on) is billed once, on its new day: the run that bills it there removes the old day's priced row and records the
-- move here, so that the report says it moved, the old day's month is invoiced again, and the old day's outcome
-- partition no longer lists it.
create table moved_message (
    message_id       text primary key,
    waba_id          text not null,
    old_day          date not null,
    old_local_month  text not null,
    new_day          date not null,
    job_execution_id bigint not null,
    moved_at         timestamptz not null default now()
);
create index moved_message_new_day on moved_message (new_day);

-- The state is now carried out of every billed day, not only the last of a run: a day's states are found by
-- (carry_day, bucket) through the primary key, as before; nothing else to change.
