-- Issue 15: a replay bucket is a range of thread hashes (AcceptedMessage.bucketOfHash), and the carried states are
-- keyed by the hash first: a bucket reads its states through the key instead of filtering the whole day's (which
-- made a night's replay read the day's states once per bucket), and loads its own in one range of the index instead of
-- inserting at random places of the whole day's. bucket_hash is a function of the thread: the key stays unique.
alter table thread_state drop constraint thread_state_pkey;
alter table thread_state add primary key (carry_day, bucket_hash, phone_number_id, contact_wa_id);
