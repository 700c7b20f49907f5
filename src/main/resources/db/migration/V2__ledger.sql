-- The billing ledger: what the replay decided, in the database as the system of record (SPEC 3.1).
-- Times are timestamptz (microsecond precision); days are UTC days unless named local_*.

-- One row per conversation (CBP conversations and PMP free entry point windows).
create table conversation (
    conversation_id       text primary key,
    waba_id               text not null,
    phone_number_id       text not null,
    contact_wa_id         text not null,
    business_phone_number text,
    category              text not null,
    type                  text not null,
    opened_at             timestamptz not null,
    scheduled_end         timestamptz not null,
    closed_at             timestamptz not null,
    opening_message_id    text not null,
    country               text,
    market                text not null,
    currency              text not null,
    rate                  numeric,
    amount                numeric not null,
    pricing_model         text not null,
    day                   date not null,        -- UTC day of opened_at: the output partition
    local_month           text not null,        -- YYYY-MM of opened_at in the WABA's zone: the invoice period
    job_execution_id      bigint not null
);
create index conversation_day on conversation (day);
create index conversation_month on conversation (waba_id, local_month);

-- One row per PMP-priced message (charged or free): what per-message invoices and pricing_analytics count.
create table priced_message (
    message_id            text primary key,
    waba_id               text not null,
    portfolio_id          text not null,
    phone_number_id       text not null,
    contact_wa_id         text not null,
    business_phone_number text,
    conversation_id       text,
    outcome               text not null,
    pricing_category      text not null,
    pricing_type          text not null,
    event_time            timestamptz not null,
    country               text,
    market                text not null,
    currency              text not null,
    rate                  numeric,
    amount                numeric not null,
    day                   date not null,
    local_month           text not null,
    job_execution_id      bigint not null
);
create index priced_message_day on priced_message (day);
create index priced_message_month on priced_message (waba_id, local_month);
create index priced_message_tier on priced_message (portfolio_id, market, pricing_category, local_month) where outcome = 'CHARGED';

-- The state of every thread with something still open at the end of a billed day (SPEC 2.8).
create table thread_state (
    carry_day       date not null,
    phone_number_id text not null,
    contact_wa_id   text not null,
    bucket_hash     integer not null,
    state           bytea not null,
    primary key (carry_day, phone_number_id, contact_wa_id)
);

-- A complete carried state exists for the end of this UTC day.
create table carry_point (
    carry_day        date primary key,
    threads          bigint not null,
    digest           bigint not null,
    job_execution_id bigint not null,
    written_at       timestamptz not null default now()
);

-- Every UTC day billed, and by which run.
create table billed_day (
    day              date primary key,
    job_execution_id bigint not null,
    billed_at        timestamptz not null default now()
);

create table invoice (
    waba_id          text not null,
    period           text not null,
    revision         integer not null,
    currency         text not null,
    conversations    bigint not null,
    messages         bigint not null,
    billable         bigint not null,
    amount           numeric not null,
    unrounded_amount numeric not null,
    status           text not null,
    job_execution_id bigint not null,
    issued_at        timestamptz not null default now(),
    primary key (waba_id, period, revision)
);

create table invoice_line (
    waba_id       text not null,
    period        text not null,
    revision      integer not null,
    line_no       integer not null,
    pricing_model text not null,
    category      text not null,
    type          text not null,
    market        text not null,
    currency      text not null,
    rate          numeric,
    quantity      bigint not null,
    amount        numeric not null,
    primary key (waba_id, period, revision, line_no),
    foreign key (waba_id, period, revision) references invoice on delete cascade
);

create table payment (
    waba_id    text not null,
    period     text not null,
    seq        integer not null,
    charged_at timestamptz not null,
    amount     numeric not null,
    reason     text not null,
    primary key (waba_id, period, seq)
);

create table discrepancy (
    id              bigserial primary key,
    job_execution_id bigint not null,
    kind            text not null,
    waba_id         text,
    phone_number    text,
    period_start    timestamptz,
    period_end      timestamptz,
    country         text,
    category        text,
    type            text,
    expected_count  bigint,
    billed_count    bigint,
    expected_amount numeric,
    billed_amount   numeric,
    difference      numeric,
    detail          text
);

-- One row per billing run: its range and the counts of its summary.
create table billing_run (
    job_execution_id bigint primary key,
    first_day        date not null,
    last_day         date not null,
    summary          text,
    finished_at      timestamptz
);
