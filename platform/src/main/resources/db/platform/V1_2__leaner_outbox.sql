-- Issue 14 (P1): one index fewer for every event appended. seq is a bigserial, unique by construction; its UNIQUE
-- index was only ever written, never read: the relay finds what is unpublished through outbox_event_unpublished
-- (seq WHERE published_at IS NULL), which stays, and retention deletes by id. A scan that appends 40,000 events
-- writes 40,000 index entries less (the primary key on id, UUIDv7 and time-ordered, and the partial index remain).
ALTER TABLE outbox_event DROP CONSTRAINT outbox_event_seq_key;
