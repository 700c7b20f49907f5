-- conversation_link is the largest table a replay loads (about 0.6 rows per message). Its secondary index on
-- (waba_id, event_time) cost a third of the load: the reconcile job now finds a month's links by the UTC days
-- around it, through the primary key (day, message_id), and filters by WABA and time there.
drop index if exists conversation_link_time;
