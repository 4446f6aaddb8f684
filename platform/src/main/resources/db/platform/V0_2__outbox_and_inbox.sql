-- Platform tables, created in every service's own schema before its domain migrations.

-- Transactional outbox: written in the business transaction, published by OutboxRelay.
CREATE TABLE outbox_event (
    id           uuid        PRIMARY KEY,               -- becomes ce_id, the consumers' de-duplication key
    seq          bigserial   NOT NULL UNIQUE,            -- commit-independent order of appends, per key
    topic        text        NOT NULL,
    event_key    text        NOT NULL,                   -- Kafka key: the member id (org id for org events)
    type         text        NOT NULL,                   -- ce_type, e.g. lianxin.member.OrgCreated.v1
    subject      text        NOT NULL,                   -- ce_subject
    occurred_at  timestamptz NOT NULL,                   -- ce_time
    payload      jsonb       NOT NULL,
    published_at timestamptz,
    -- Issue 15 (observability): the W3C traceparent of the span that appended the event (a request, a consumed event,
    -- a scan), 00-<trace id>-<span id>-<flags>. The relay continues that trace when it publishes the row, and every
    -- consumer continues it in turn, so one trace follows a change through the services. Empty for rows appended
    -- outside any span.
    traceparent  text
);
-- The relay only ever looks at what is not yet published.
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

-- Idempotent inbox: an event id is recorded in the same transaction as its effect.
CREATE TABLE processed_event (
    event_id     uuid        PRIMARY KEY,
    type         text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
