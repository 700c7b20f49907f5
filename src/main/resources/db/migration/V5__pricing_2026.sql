-- Issue 14 (SPEC v3): per-message pricing from 2026-10-01, per-message audit, invoices per currency.

-- What Meta's status webhook said of each PMP-priced message (SPEC 1.1 pricing.category / pricing.type, as logged:
-- any case, unknown values kept): the per-message reconciliation (PRICING_MISMATCH) compares them with the replay.
alter table priced_message add column meta_pricing_category text;
alter table priced_message add column meta_pricing_type text;
-- What the message's position in its month still decides (engine.MonthPosition; null: nothing): month rating
-- numbers exactly these rows, whatever runs wrote them (SPEC 2.10.5: service messages per phone number).
-- No index of its own: month rating selects a month's rows as the other passes do, and an index would be one more
-- to write on every load and every repricing.
alter table priced_message add column month_position text;

-- SPEC 3.2/3.3: one invoice, and one running total of payments, per WABA, month AND currency (a WABA that changes
-- currency mid-month gets two).
alter table invoice_line drop constraint invoice_line_waba_id_period_revision_fkey;
alter table invoice drop constraint invoice_pkey;
alter table invoice add primary key (waba_id, period, currency, revision);
alter table invoice_line drop constraint invoice_line_pkey;
alter table invoice_line add primary key (waba_id, period, currency, revision, line_no);
alter table invoice_line add foreign key (waba_id, period, currency, revision) references invoice on delete cascade;
alter table payment add column currency text;
update payment p set currency = (select i.currency from invoice i where i.waba_id = p.waba_id and i.period = p.period
                                 order by i.revision desc limit 1);
update payment set currency = 'USD' where currency is null;
alter table payment alter column currency set not null;
alter table payment drop constraint payment_pkey;
alter table payment add primary key (waba_id, period, currency, seq);
