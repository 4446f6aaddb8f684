-- tracking-service: its projection of the register, the contact log and the clocks. The baseline of this schema:
-- later changes are new migrations after it, never edits of it. Before it come the platform migrations (db/platform:
-- the runtime role's grants, outbox and inbox, scheduled runs; db/org-projection; db/idempotency: Idempotency-Key).
-- Every table here gets the runtime role's DML from the owner's default privileges (db/platform/V0_1). No audit table
-- here: this service keeps operational state only (its events are the record others audit).

-- Projection of member-service's member events (MemberRegistered, …, MemberStandingChanged).
CREATE TABLE member (
    member_id              uuid        PRIMARY KEY,
    org_id                 uuid        NOT NULL,
    org_path               text        NOT NULL,   -- /root-id/.../branch-id/ : a subtree is a prefix match
    category               text        NOT NULL,   -- FULL | PROBATIONARY
    -- 党籍 (Standing): every standing but ACTIVE exempts the member from the clocks (domain.md §3b).
    standing               text        NOT NULL CONSTRAINT member_standing CHECK (standing IN
                                           ('ACTIVE', 'SUSPENDED', 'REMOVED', 'PROBATION_CANCELLED', 'EXPELLED', 'WITHDRAWN', 'DECEASED')),
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
COMMENT ON COLUMN member.standing IS
    'ACTIVE | SUSPENDED | REMOVED | PROBATION_CANCELLED | EXPELLED | WITHDRAWN | DECEASED; only ACTIVE runs clocks';

-- 联系记录: one row per contact, reached or not (domain.md §4b: contacts that come from case.events too).
CREATE TABLE contact (
    contact_id   uuid        PRIMARY KEY,
    member_id    uuid        NOT NULL REFERENCES member (member_id),
    org_id       uuid        NOT NULL,
    at           timestamptz NOT NULL,
    channel      text        NOT NULL,
    outcome      text        NOT NULL,
    recorded_by  text        NOT NULL,
    note         text,
    recorded_at  timestamptz NOT NULL,
    contacted_by text,   -- the person who made the contact when the request named one (recorded_by is always the caller)
    case_id      uuid,   -- the case file a CASE_FOUND or FOLLOW_UP contact came from
    CONSTRAINT contact_channel CHECK (channel IN
        ('PHONE', 'SMS', 'WECHAT', 'VISIT', 'ORG_LIFE', 'DUES', 'SELF_CHECK_IN', 'OTHER', 'CASE_FOUND', 'FOLLOW_UP')),
    CONSTRAINT contact_outcome CHECK (outcome IN ('REACHED', 'NOT_REACHED')),
    CONSTRAINT contact_case_source CHECK ((channel IN ('CASE_FOUND', 'FOLLOW_UP')) = (case_id IS NOT NULL))
);
CREATE INDEX contact_member_at ON contact (member_id, at DESC);

-- One running clock per member and rule (ClockRule). The scan only looks at next_at, through an index:
-- stage 0 = running (next_at = due_at), 1 = reminded, escalation pending (next_at = grace_until), 2 = done.
-- The exactly-once key of the scan events is on the clock row itself: a scan emits by updating the clock (stage,
-- emitted_level, emitted_due_at) under its advisory lock, and an UPDATE … WHERE the key differs … RETURNING says what
-- is new: one write per event.
--   emitted_level / emitted_due_at: the last level announced (REMINDER | ESCALATED | NOTICE) and the period (due_at)
--   it was announced for;
--   emission_open: that announcement still stands (not yet ended by a REACHED contact, T8, or a member event).
-- T6 (SelfWithdrawalSuspected) marks the ORG_LIFE_ABSENCE / DUES_ABSENCE clocks it fired on.
-- fillfactor: room on every clock page, so that the new version of a clock a scan moves on is written next to the
-- old one (one page dirtied, not two; see the benchmark in README.md).
CREATE TABLE clock (
    member_id      uuid        NOT NULL,
    rule           text        NOT NULL,
    started_at     timestamptz NOT NULL,
    due_at         timestamptz NOT NULL,
    grace_until    timestamptz,
    stage          smallint    NOT NULL DEFAULT 0,
    next_at        timestamptz,
    emitted_level  text,
    emitted_due_at timestamptz,
    emission_open  boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (member_id, rule)
) WITH (fillfactor = 80);
CREATE INDEX clock_next ON clock (rule, next_at) WHERE next_at IS NOT NULL;

-- Event ids as UUIDv7 (RFC 9562), the layout of platform's EventIds: 48 bits of Unix milliseconds, version 7,
-- variant 10, random bits. A scan's thousands of outbox rows then append at the right edge of the outbox's
-- primary key instead of each dirtying a random leaf page (see the benchmark in README.md).
CREATE FUNCTION uuid_v7() RETURNS uuid
    LANGUAGE sql VOLATILE PARALLEL SAFE
    AS $$
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                   PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                   FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
    $$;
