-- notification-service: who can be reached (projections of member.events), what was sent, every attempt.

-- A member as this service needs them: name, own contacts, preferred channel, liaison (联络员).
CREATE TABLE member_recipient (
    member_id          uuid        PRIMARY KEY,
    org_id             uuid        NOT NULL,
    org_path           text,                   -- /root/.../branch/ as carried by the member events
    name               text        NOT NULL,
    phone              text,
    wechat             text,
    email              text,
    preferred_channel  text,                   -- SMS | WECHAT | EMAIL
    liaison            jsonb,                  -- {memberId?, name, phone, wechat?, email?}
    updated_at         timestamptz NOT NULL
);
CREATE INDEX member_recipient_org ON member_recipient (org_id);

-- What the 联心卡 needs beyond the shared org projection (which keeps secretary and organizer).
CREATE TABLE org_card (
    org_id            uuid        PRIMARY KEY,
    wechat_group_url  text,
    web_address       text,
    updated_at        timestamptz NOT NULL
);

-- One notification per (source event, recipient, channel): a fallback channel is a new row.
-- The rows with status PENDING and their next_attempt_at are the persisted delivery schedule.
CREATE TABLE notification (
    id                      uuid        PRIMARY KEY,
    source_event_id         uuid        NOT NULL,
    source_event_type       text        NOT NULL,
    template_key            text        NOT NULL,
    member_id               uuid,
    case_id                 uuid,
    org_id                  uuid        NOT NULL,   -- the member's branch, or the org the event is about
    org_path                text,                   -- subtree scoping (prefix match); null = visible to ADMIN only
    recipient_key           text        NOT NULL,   -- e.g. SECRETARY:<org>, LIAISON:<member>, MEMBER:<member>
    recipient_role          text        NOT NULL,   -- LIAISON | SECRETARY | ORGANIZER | MEMBER
    recipient_org_id        uuid,
    recipient_member_id     uuid,
    recipient_name          text,
    channel                 text        NOT NULL,   -- SMS | WECHAT | EMAIL
    address                 text,                   -- null: nothing to send to on this channel (NO_ADDRESS)
    recipient_addresses     jsonb       NOT NULL,   -- {"SMS": ..., "WECHAT": ..., "EMAIL": ...} for the fallbacks
    next_channels           text        NOT NULL DEFAULT '',  -- comma-separated fallback chain after this one
    fallback                boolean     NOT NULL DEFAULT false,
    model                   jsonb       NOT NULL,   -- the template's data
    status                  text        NOT NULL,   -- PENDING | DELIVERED | FAILED
    attempts                integer     NOT NULL DEFAULT 0,
    attempts_before_retry   integer     NOT NULL DEFAULT 0, -- attempts made before the last manual retry
    next_attempt_at         timestamptz,
    deferred_by_quiet_hours boolean     NOT NULL DEFAULT false,
    created_at              timestamptz NOT NULL,
    delivered_at            timestamptz,
    failed_at               timestamptz,
    last_error_code         text,
    last_error              text,
    CONSTRAINT notification_once_per_event_recipient_channel UNIQUE (source_event_id, recipient_key, channel)
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_path ON notification (org_path text_pattern_ops, created_at DESC);
CREATE INDEX notification_member ON notification (member_id);
CREATE INDEX notification_case ON notification (case_id);

CREATE TABLE delivery_attempt (
    id               bigserial   PRIMARY KEY,
    notification_id  uuid        NOT NULL REFERENCES notification (id),
    attempt_no       integer     NOT NULL,
    attempted_at     timestamptz NOT NULL,
    outcome          text        NOT NULL,   -- DELIVERED | FAILED
    error_code       text,
    error_message    text
);
CREATE INDEX delivery_attempt_notification ON delivery_attempt (notification_id, attempt_no);

-- Editable Qute templates (Chinese); defaults in V2.
CREATE TABLE notification_template (
    template_key  text        PRIMARY KEY,
    description   text        NOT NULL,
    subject       text        NOT NULL,   -- e-mail subject and WeChat title
    body          text        NOT NULL,
    updated_at    timestamptz NOT NULL,
    updated_by    text        NOT NULL
);
