-- case-service: the lost-contact case file (一人一档) and what it needs to know about members. The baseline of this
-- schema: later changes are new migrations after it, never edits of it. Before it come the platform migrations
-- (db/platform: the runtime role's grants, outbox and inbox, scheduled runs; db/org-projection; db/idempotency:
-- Idempotency-Key). Every table here gets the runtime role's DML from the owner's default privileges
-- (db/platform/V0_1); the audit tables take UPDATE, DELETE and TRUNCATE back at the end.

-- This service's view of member-service's register, from member.events.
CREATE TABLE member_projection (
    member_id       uuid        PRIMARY KEY,
    org_id          uuid        NOT NULL,   -- the member's branch
    org_path        text        NOT NULL,   -- /root-id/.../branch-id/
    name            text        NOT NULL,
    category        text        NOT NULL CHECK (category IN ('FULL', 'PROBATIONARY')),
    standing        text        NOT NULL,
    standing_since  timestamptz,
    updated_at      timestamptz NOT NULL,   -- ce_time of the last event applied
    -- The liaison (联络员) of a member, from LiaisonAssigned: a LIAISON sees only the cases of their members.
    liaison_member_id uuid
);
CREATE INDEX member_projection_path ON member_projection (org_path text_pattern_ops);
CREATE INDEX member_projection_liaison ON member_projection (liaison_member_id) WHERE liaison_member_id IS NOT NULL;

-- One case file per member and loss; a reopened case (re-loss) starts a new episode of the same file.
CREATE TABLE case_file (
    id                  uuid        PRIMARY KEY,
    member_id           uuid        NOT NULL,
    org_id              uuid        NOT NULL,
    org_path            text        NOT NULL,
    state               text        NOT NULL CHECK (state IN ('OPEN', 'FOUND', 'DISPOSED', 'FOLLOW_UP', 'CLOSED',
                                        'SUSPENSION_PROPOSED', 'SUSPENDED_MONITORING', 'REMOVAL_PROPOSED')),
    trigger             text        NOT NULL,
    -- A case opened automatically starts with situation UNKNOWN until the branch completes it.
    situation           text        NOT NULL CONSTRAINT case_file_situation CHECK (situation IN ('MIGRANT_WORK',
                                        'ENTERPRISE_RESTRUCTURED', 'GRADUATE_UNKNOWN', 'JOB_CHANGED', 'ABROAD', 'MOVED',
                                        'OTHER', 'UNKNOWN')),
    cause               text,
    note                text,
    lost_since          timestamptz NOT NULL,
    opened_at           timestamptz NOT NULL,
    opened_by           text        NOT NULL,
    source_event_id     uuid,
    episode             int         NOT NULL DEFAULT 1,
    re_loss_count       int         NOT NULL DEFAULT 0,
    verification_due_at timestamptz NOT NULL,
    escalation_level    int         NOT NULL DEFAULT 0,
    responsible_org_id  uuid        NOT NULL,
    escalation_due_at   timestamptz,          -- next C1/C2 deadline; null when none applies
    last_attempt_at     timestamptz,
    attempt_count       int         NOT NULL DEFAULT 0,
    found_at            timestamptz,
    found_by            text,
    found_how           text,
    suspended_at        timestamptz,
    disposition         text,
    closed_at           timestamptz,
    resolution          text,
    updated_at          timestamptz NOT NULL,
    version             bigint      NOT NULL DEFAULT 0,
    -- 责任人 of a case: a name, and a member id when the owner is on the register.
    owner_name          text,
    owner_member_id     uuid
);
-- At most one open case per member.
CREATE UNIQUE INDEX case_file_one_open_per_member ON case_file (member_id) WHERE state <> 'CLOSED';
CREATE INDEX case_file_member ON case_file (member_id);
CREATE INDEX case_file_path ON case_file (org_path text_pattern_ops);
CREATE INDEX case_file_escalation_due ON case_file (escalation_due_at) WHERE escalation_due_at IS NOT NULL;
CREATE INDEX case_file_missing ON case_file (state, lost_since) WHERE state IN ('OPEN', 'SUSPENSION_PROPOSED');
CREATE INDEX case_file_suspended ON case_file (suspended_at) WHERE state = 'SUSPENDED_MONITORING';
-- The "to be completed" list: open cases whose situation the branch has not given yet.
CREATE INDEX case_file_incomplete ON case_file (org_path text_pattern_ops)
    WHERE situation = 'UNKNOWN' AND state <> 'CLOSED';

CREATE TABLE search_attempt (
    id          uuid        PRIMARY KEY,
    case_id     uuid        NOT NULL REFERENCES case_file (id),
    episode     int         NOT NULL,
    at          timestamptz NOT NULL,
    channel     text        NOT NULL,
    actor       text        NOT NULL,
    result      text        NOT NULL CHECK (result IN ('NO_TRACE', 'LEAD', 'FOUND')),
    note        text,
    recorded_by text        NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX search_attempt_case ON search_attempt (case_id, episode, at);

-- C1/C2: at most one escalation per case, episode and level.
CREATE TABLE case_escalation (
    case_id     uuid        NOT NULL REFERENCES case_file (id),
    episode     int         NOT NULL,
    level       int         NOT NULL,
    from_org_id uuid        NOT NULL,
    to_org_id   uuid        NOT NULL,
    reason      text        NOT NULL,
    due_at      timestamptz NOT NULL,
    as_of       timestamptz NOT NULL,
    PRIMARY KEY (case_id, episode, level)
);

-- C3: at most one re-check reminder per case and week.
CREATE TABLE case_recheck (
    case_id     uuid        NOT NULL REFERENCES case_file (id),
    week_of     date        NOT NULL,
    as_of       timestamptz NOT NULL,
    PRIMARY KEY (case_id, week_of)
);

-- C4/C5/C6: at most one proposal of each action per case and episode.
CREATE TABLE standing_proposal (
    id          uuid        PRIMARY KEY,
    case_id     uuid        NOT NULL REFERENCES case_file (id),
    episode     int         NOT NULL,
    action      text        NOT NULL,
    proposed_at timestamptz NOT NULL,
    UNIQUE (case_id, episode, action)
);

CREATE TABLE decision (
    id                    uuid        PRIMARY KEY,
    case_id               uuid        NOT NULL REFERENCES case_file (id),
    type                  text        NOT NULL,
    decided_at            timestamptz NOT NULL,
    decided_by            text        NOT NULL,
    body                  text,
    meeting_date          date,
    eligible              int,
    present               int,
    votes_for             int,
    votes_against         int,
    abstentions           int,
    talk                  text,
    talk_text             text,
    approval_ref          text,
    correction_months     int,
    correction_until      date,
    readmission_bar_until date,
    reintegration         text,
    note                  text
);
CREATE INDEX decision_case ON decision (case_id);

-- C7: the follow-up plan (回访) of one episode.
CREATE TABLE follow_up (
    case_id            uuid        NOT NULL REFERENCES case_file (id),
    episode            int         NOT NULL,
    no                 int         NOT NULL,
    cadence            text        NOT NULL CHECK (cadence IN ('WEEKLY', 'MONTHLY')),
    due_at             timestamptz NOT NULL,
    done_at            timestamptz,
    result             text,
    note               text,
    recorded_by        text,
    due_notified_at    timestamptz,
    missed_notified_at timestamptz,
    PRIMARY KEY (case_id, episode, no)
);
CREATE INDEX follow_up_pending ON follow_up (due_at) WHERE done_at IS NULL;

-- Every change of a case with who and when; the monthly report counts from it.
CREATE TABLE case_timeline (
    id          uuid        PRIMARY KEY,
    case_id     uuid        NOT NULL REFERENCES case_file (id),
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    kind        text        NOT NULL,
    disposition text,
    detail      text
);
CREATE INDEX case_timeline_case ON case_timeline (case_id, at);
CREATE INDEX case_timeline_kind ON case_timeline (kind, at);

-- C8: at most one published report per org and month.
CREATE TABLE monthly_report_published (
    org_id       uuid        NOT NULL,
    month        text        NOT NULL,
    published_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, month)
);

-- The audit is insert-only: a case's timeline (every change, who and when; the monthly report counts from it), its
-- decisions (支部大会, approvals: a correction is a new decision, never an edit) and its search attempts (the evidence
-- that the member was sought before being declared lost or removed). The service adds rows and reads them, never
-- changes or removes one: no UPDATE, DELETE or TRUNCATE granted to it, and a trigger refuses them to everyone else as
-- well, the owner of the schema included. A later migration that must touch old rows says so in review: ALTER TABLE
-- ... DISABLE TRIGGER, then ENABLE.
CREATE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%.% is insert-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
REVOKE ALL ON FUNCTION refuse_audit_rewrite() FROM PUBLIC;

REVOKE UPDATE, DELETE, TRUNCATE ON case_timeline FROM "${runtime_role}";
CREATE TRIGGER case_timeline_insert_only BEFORE UPDATE OR DELETE ON case_timeline FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER case_timeline_no_truncate BEFORE TRUNCATE ON case_timeline FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();

REVOKE UPDATE, DELETE, TRUNCATE ON decision FROM "${runtime_role}";
CREATE TRIGGER decision_insert_only BEFORE UPDATE OR DELETE ON decision FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER decision_no_truncate BEFORE TRUNCATE ON decision FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();

REVOKE UPDATE, DELETE, TRUNCATE ON search_attempt FROM "${runtime_role}";
CREATE TRIGGER search_attempt_insert_only BEFORE UPDATE OR DELETE ON search_attempt FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER search_attempt_no_truncate BEFORE TRUNCATE ON search_attempt FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
