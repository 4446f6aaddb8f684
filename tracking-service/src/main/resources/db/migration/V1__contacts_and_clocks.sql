-- tracking-service: its projection of the register, the contact log, the clocks and what they emitted.

-- Projection of member-service's member events (MemberRegistered, …, MemberStandingChanged).
CREATE TABLE member (
    member_id              uuid        PRIMARY KEY,
    org_id                 uuid        NOT NULL,
    org_path               text        NOT NULL,   -- /root-id/.../branch-id/ : a subtree is a prefix match
    category               text        NOT NULL,   -- FULL | PROBATIONARY
    standing               text        NOT NULL,   -- ACTIVE | SUSPENDED | REMOVED | PROBATION_CANCELLED | DECEASED
    in_register            boolean     NOT NULL DEFAULT true,  -- false after a transfer out of the system
    liaison                jsonb,                  -- contracts' Liaison: {memberId?, name, phone, wechat?, email?}
    registered_at          timestamptz NOT NULL,
    restarted_at           timestamptz,            -- the latest restoration to ACTIVE: no clock starts earlier
    outflow_id             uuid,                   -- the open outflow (流动), if any
    left_at                date,
    reported_in_at         timestamptz,
    destination_place      text,
    last_reached_at        timestamptz,
    last_direct_reached_at timestamptz,            -- person-to-person REACHED contact (T1)
    last_org_life_at       timestamptz,
    last_dues_at           timestamptz,
    last_attempt_at        timestamptz,            -- last NOT_REACHED contact
    updated_at             timestamptz NOT NULL
);
CREATE INDEX member_org_path ON member (org_path text_pattern_ops);
CREATE INDEX member_liaison ON member ((liaison ->> 'memberId'));

-- 联系记录: one row per contact, reached or not.
CREATE TABLE contact (
    contact_id   uuid        PRIMARY KEY,
    member_id    uuid        NOT NULL REFERENCES member (member_id),
    org_id       uuid        NOT NULL,
    at           timestamptz NOT NULL,
    channel      text        NOT NULL,
    outcome      text        NOT NULL,
    recorded_by  text        NOT NULL,
    note         text,
    recorded_at  timestamptz NOT NULL
);
CREATE INDEX contact_member_at ON contact (member_id, at DESC);

-- One running clock per member and rule (ClockRule). The scan only looks at next_at, through an index:
-- stage 0 = running (next_at = due_at), 1 = reminded, escalation pending (next_at = grace_until), 2 = done.
CREATE TABLE clock (
    member_id    uuid        NOT NULL,
    rule         text        NOT NULL,
    started_at   timestamptz NOT NULL,
    due_at       timestamptz NOT NULL,
    grace_until  timestamptz,
    stage        smallint    NOT NULL DEFAULT 0,
    next_at      timestamptz,
    PRIMARY KEY (member_id, rule)
);
CREATE INDEX clock_next ON clock (rule, next_at) WHERE next_at IS NOT NULL;

-- What the scans emitted: at most one event per member, rule, level and period (due_at) — the idempotency key.
-- cleared_at: when a REACHED contact (T8) or an outflow change ended the state the event announced.
CREATE TABLE clock_emission (
    member_id    uuid        NOT NULL,
    rule         text        NOT NULL,   -- ClockRule, or SELF_WITHDRAWAL for T6
    level        text        NOT NULL,   -- REMINDER | ESCALATED | NOTICE
    due_at       timestamptz NOT NULL,
    started_at   timestamptz NOT NULL,   -- the clock's start, for the event (T6: start of the missing streak)
    grace_until  timestamptz,
    as_of        timestamptz NOT NULL,
    event_id     uuid        NOT NULL,
    cleared_at   timestamptz,
    PRIMARY KEY (member_id, rule, level, due_at)
);
CREATE INDEX clock_emission_open ON clock_emission (member_id) WHERE cleared_at IS NULL;

-- RFC 3339 text of an instant, as the event schemas want it.
CREATE FUNCTION rfc3339(ts timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;
