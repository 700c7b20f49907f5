-- Issue 14 (SPEC 2.10.6): a utility template sent inside an open customer service window is charged from 2026-10-01
-- (free before, 2.9.6). engine.Decision#inWindow marks such a charged message, and the ledger keeps the mark so that
-- report.html, the invoice pages and summary.json show these charges apart from the other utility charges, as the
-- new cost they are. False for every other message, and for the rows billed before this column existed (a re-run
-- of their days marks them).
alter table priced_message add column in_window boolean not null default false;
