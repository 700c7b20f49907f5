-- Issue 15: a per-message priced message keeps Meta's conversation id and category (SPEC 1.1) on its own row instead
-- of a second row in conversation_link: at 10 M messages a day that link row, with its primary key, was a third of
-- the replay's time. conversation_link keeps the links of the messages that have no priced row (CBP, refused).
-- Links written before this migration stay where they are; meta_conversation_link reads both.
alter table priced_message add column meta_conversation_id text;
alter table priced_message add column meta_conversation_category text;

-- Every message's link to Meta's conversation, for the reconciliation of conversations (SPEC 4).
create view meta_conversation_link as
    select message_id, waba_id, meta_conversation_id, meta_conversation_category, conversation_id, outcome,
           event_time, pricing_model, day, job_execution_id
      from conversation_link
    union all
    select message_id, waba_id, meta_conversation_id, meta_conversation_category, conversation_id, outcome,
           event_time, 'PMP', day, job_execution_id
      from priced_message
     where meta_conversation_id is not null;
