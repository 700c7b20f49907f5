-- What month rating changed in the priced messages of a run (SPEC 2.10.5 free service messages, volume tiers), by
-- job instance, UTC day and replay bucket: publish applies exactly these to the outcomes the replay spilled, one
-- bucket at a time, instead of looking up every priced message again. Kept until the run's publish commits (a
-- restarted publish finds them again), then deleted.
create table repriced_message (
    job_instance_id bigint  not null,
    message_id      text    not null,
    day             date    not null,
    bucket          integer not null,
    outcome         text    not null,
    pricing_type    text    not null,
    rate            numeric,
    amount          numeric not null,
    primary key (job_instance_id, message_id)
);
create index repriced_message_bucket on repriced_message (job_instance_id, day, bucket);
