-- Issue 15: conversation_link is loaded in the replay's order, and its primary key (day, message_id) made every row an
-- insert at a random place of an index that outgrows memory: at 50 M messages a day (conversation-based pricing)
-- 30 M such inserts, the replay's time growing faster than its messages. A day's links are only ever read, and
-- deleted, by day: an index on day takes each new row at its end. A message is linked once per run (a bucket's rows
-- are loaded in the step's transaction, and a re-run of a day deletes the day's rows first).
--
-- Since V10 a priced message keeps its link on its own row; links written before V10 for messages that have a priced
-- row move onto it, so that conversation_link holds only messages without one (a message moved to a later day needs
-- no link deleted by id).
update priced_message p
   set meta_conversation_id = l.meta_conversation_id, meta_conversation_category = l.meta_conversation_category
  from conversation_link l
 where l.message_id = p.message_id and l.day = p.day and p.meta_conversation_id is null;
delete from conversation_link l using priced_message p where l.message_id = p.message_id;

alter table conversation_link drop constraint conversation_link_pkey;
create index conversation_link_day on conversation_link (day);
