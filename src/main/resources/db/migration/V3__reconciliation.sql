-- What reconciliation (SPEC 4) needs from a billing run, so that the reconcile job can compare again without
-- replaying the logs.

-- One row per delivered (or refused) outbound message whose log row carries Meta's meta_conversation_id, with the
-- conversation the replay put it in. Failed messages are not kept (Meta charges no conversation for them). The
-- replay's category and type come from a join: conversation (by conversation_id) or, for a PMP message priced on
-- its own, priced_message (by message_id).
-- Keyed by day and message: a message whose event time moves to a later day (a late delivery status) while the
-- earlier day is not billed again is kept twice rather than failing the later day's run.
create table conversation_link (
    message_id                 text not null,
    waba_id                    text not null,
    meta_conversation_id       text not null,
    meta_conversation_category text,                 -- as logged (any case; unknown values kept)
    conversation_id            text,                 -- the replay's; null when it put the message in none
    outcome                    text not null,
    event_time                 timestamptz not null,
    pricing_model              text not null,        -- the model the message was priced under (CBP inside a CBP
                                                     -- conversation still open after the switch)
    day                        date not null,        -- UTC day of event_time: a re-run of the day replaces it
    job_execution_id           bigint not null,
    primary key (day, message_id)
);
create index conversation_link_time on conversation_link (waba_id, event_time);

-- Which comparison found a discrepancy (AGGREGATE, CONVERSATION, INVOICE): MISSING_IN_LOGS and MISSING_AT_META
-- come from both the analytics and the webhooks' conversation ids.
alter table discrepancy add column comparison text;
create index discrepancy_job on discrepancy (job_execution_id);

-- One row per reconciliation (a billing run's reconcile step, or a reconcile run): what was compared.
create table reconciliation_run (
    job_execution_id  bigint primary key,
    job_name          text not null,
    meta_dir          text not null,
    months            text not null,        -- the (WABA|YYYY-MM) pairs in scope, comma separated
    export_start      timestamptz,          -- earliest start of Meta's data points, null when none
    export_end        timestamptz,          -- latest end
    buckets           bigint not null,      -- Meta's data points read
    buckets_compared  bigint not null,      -- of them, inside the scope (months, billed days)
    items_compared    bigint not null,      -- replay conversations and messages compared
    links             bigint not null,      -- messages compared by Meta's conversation id
    invoices          bigint not null,      -- our invoices compared
    discrepancies     bigint not null,
    finished_at       timestamptz not null default now()
);
