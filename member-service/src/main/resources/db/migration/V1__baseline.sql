-- member-service: the register of members (党员信息库), the organization tree, standings, outflows, transfers, annual
-- reviews and the audit of ID numbers. The baseline of this schema: later changes are new migrations after it, never
-- edits of it. Before it come the platform migrations (db/platform: the runtime role's grants, outbox
-- and inbox, scheduled runs; db/idempotency: Idempotency-Key). Every table here gets the runtime role's DML from the
-- owner's default privileges (db/platform/V0_1); the audit tables take UPDATE, DELETE and TRUNCATE back at the end.

-- 党组织: the organization tree. A subtree ("everything under this 党委") is a prefix match on path.
CREATE TABLE org (
    id                 uuid        PRIMARY KEY,
    name               text        NOT NULL,
    type               text        NOT NULL CHECK (type IN ('COMMITTEE', 'GENERAL_BRANCH', 'BRANCH')),
    parent_id          uuid        REFERENCES org (id),
    path               text        NOT NULL UNIQUE,   -- /root-id/.../id/
    secretary_name     text        NOT NULL,
    secretary_phone    text        NOT NULL,
    secretary_wechat   text,
    secretary_email    text,
    organizer_name     text,                          -- 组织委员
    organizer_phone    text,
    organizer_wechat   text,
    organizer_email    text,
    wechat_group_url   text,
    web_address        text,
    created_at         timestamptz NOT NULL,
    created_by         text        NOT NULL,
    updated_at         timestamptz NOT NULL,
    updated_by         text        NOT NULL,
    version            bigint      NOT NULL DEFAULT 0
);
CREATE INDEX org_path ON org (path text_pattern_ops);
CREATE INDEX org_parent ON org (parent_id);

-- 党员: the register. The ID number (身份证号) is never stored in plaintext: AES-GCM ciphertext, an HMAC
-- blind index that keeps it unique across the province, and the masked form shown in responses.
-- Standings (domain.md §3b): 开除党籍 is EXPELLED, 退党 WITHDRAWN.
CREATE TABLE member (
    id                    uuid        PRIMARY KEY,
    org_id                uuid        NOT NULL REFERENCES org (id),
    name                  text        NOT NULL,
    id_number_cipher      text        NOT NULL,
    id_number_index       text        NOT NULL,
    id_number_masked      text        NOT NULL,
    gender                text        NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
    ethnicity             text        NOT NULL,
    birth_date            date        NOT NULL,
    education             text,
    occupation            text,
    phone                 text        NOT NULL,
    wechat                text,
    qq                    text,
    email                 text,
    household_address     text,
    residence_address     text,
    work_unit             text,
    category              text        NOT NULL CHECK (category IN ('FULL', 'PROBATIONARY')),
    joined_at             date        NOT NULL,
    regularized_at        date,
    introducers           text,
    emergency_name        text        NOT NULL,
    emergency_relation    text        NOT NULL,
    emergency_phone       text        NOT NULL,
    preferred_channel     text        CHECK (preferred_channel IN ('SMS', 'WECHAT', 'EMAIL')),
    standing              text        NOT NULL DEFAULT 'ACTIVE'
                                      CHECK (standing IN ('ACTIVE', 'SUSPENDED', 'REMOVED', 'PROBATION_CANCELLED', 'EXPELLED',
                                                          'WITHDRAWN', 'DECEASED')),
    readmission_bar_until date,                         -- 5-year bar after 除名/劝退
    flowing               boolean     NOT NULL DEFAULT false,
    liaison_member_id     uuid        REFERENCES member (id),
    liaison_name          text,
    liaison_phone         text,
    liaison_wechat        text,
    liaison_email         text,
    source                text        NOT NULL DEFAULT 'API' CHECK (source IN ('API', 'ROSTER_IMPORT')),
    registered_at         timestamptz NOT NULL,
    registered_by         text        NOT NULL,
    updated_at            timestamptz NOT NULL,
    updated_by            text        NOT NULL,
    version               bigint      NOT NULL DEFAULT 0,
    -- A member whose relationship was transferred out of this system (receipt of a transfer to an external org)
    -- stays on record but has left the register: no outflows, transfers or annual-review duties any more.
    transferred_out_at    timestamptz
);
CREATE UNIQUE INDEX member_id_number_index ON member (id_number_index);
CREATE INDEX member_org ON member (org_id);
CREATE INDEX member_org_name ON member (org_id, name);
CREATE INDEX member_standing ON member (standing);

-- Who saw a full ID number, when and why (domain.md §6). Audit: insert-only (below).
CREATE TABLE id_number_reveal (
    id          uuid        PRIMARY KEY,
    member_id   uuid        NOT NULL REFERENCES member (id),
    revealed_by text        NOT NULL,
    revealed_at timestamptz NOT NULL,
    reason      text        NOT NULL
);
CREATE INDEX id_number_reveal_member ON id_number_reveal (member_id);

-- 党籍 history: every standing change with the decision it applies (member-service is the only writer of standing).
-- Changes that do not come from a case (domain.md §3b) record their facts and who recorded them. Audit: insert-only.
CREATE TABLE standing_change (
    id                    uuid        PRIMARY KEY,
    member_id             uuid        NOT NULL REFERENCES member (id),
    from_standing         text        NOT NULL,
    to_standing           text        NOT NULL,
    reason                text        NOT NULL,
    decision_ref          text,
    approval_ref          text,
    case_id               uuid,
    disposition           text,
    effective_at          timestamptz NOT NULL,
    readmission_bar_until date,
    recorded_at           timestamptz NOT NULL,
    died_on               date,   -- DECEASED: day of death
    learned_how           text,   -- DECEASED: how the organization learned of it
    evidence_ref          text,   -- DECEASED: 死亡证明/户籍注销证明, if any
    application_date      date,   -- WITHDRAWN: 退党申请 day
    approving_org         text,   -- EXPELLED: the org that approved the disciplinary decision
    recorded_by           text        NOT NULL,   -- token subject, or case-service for a CaseDisposed
    CONSTRAINT standing_change_to_check
        CHECK (to_standing IN ('ACTIVE', 'SUSPENDED', 'REMOVED', 'PROBATION_CANCELLED', 'EXPELLED', 'WITHDRAWN', 'DECEASED'))
);
CREATE INDEX standing_change_member ON standing_change (member_id, effective_at);

-- 流动党员: a member away from the branch without transferring the relationship (registered with 四个清楚).
CREATE TABLE outflow (
    id                      uuid        PRIMARY KEY,
    member_id               uuid        NOT NULL REFERENCES member (id),
    org_id                  uuid        NOT NULL REFERENCES org (id),   -- the branch when the member left
    nature                  text        NOT NULL CHECK (nature IN ('TEMPORARY', 'PERMANENT')),
    left_at                 date        NOT NULL,
    phone                   text        NOT NULL,
    wechat                  text        NOT NULL,
    destination_place       text        NOT NULL,
    destination_work_unit   text,
    destination_address     text,
    receiving_org_id        uuid,
    receiving_org_name      text,
    receiving_contact_name  text,
    receiving_contact_phone text,
    backup_name             text        NOT NULL,
    backup_relation         text        NOT NULL,
    backup_phone            text        NOT NULL,
    certificate_no          text,                                     -- 流动党员活动证
    reason                  text,
    expected_return_at      date,
    status                  text        NOT NULL CHECK (status IN ('OPEN', 'REPORTED_IN', 'RETURNED')),
    reported_in_at          timestamptz,
    returned_at             timestamptz,
    created_at              timestamptz NOT NULL,
    created_by              text        NOT NULL,
    updated_at              timestamptz NOT NULL,
    updated_by              text        NOT NULL,
    version                 bigint      NOT NULL DEFAULT 0
);
-- At most one open outflow per member.
CREATE UNIQUE INDEX outflow_one_open ON outflow (member_id) WHERE status <> 'RETURNED';
CREATE INDEX outflow_member ON outflow (member_id, left_at);
-- Rule M3 looks for long outflows at a fixed place.
CREATE INDEX outflow_m3_due ON outflow (left_at) WHERE nature = 'PERMANENT' AND status <> 'RETURNED';

-- 组织关系转接: a transfer letter; the sending branch stays responsible until the receipt (回执) comes back.
CREATE TABLE transfer (
    id                 uuid        PRIMARY KEY,
    member_id          uuid        NOT NULL REFERENCES member (id),
    from_org_id        uuid        NOT NULL REFERENCES org (id),
    to_org_id          uuid        REFERENCES org (id),
    to_external_name   text,
    to_external_region text,
    cross_province     boolean     NOT NULL,
    issued_at          date        NOT NULL,
    validity           text        NOT NULL,        -- ISO period that applied (P3M, P6M across provinces)
    due_at             date        NOT NULL,        -- last day the receipt is due: issued_at + validity
    status             text        NOT NULL CHECK (status IN ('ISSUED', 'RECEIVED')),
    received_at        timestamptz,
    created_at         timestamptz NOT NULL,
    created_by         text        NOT NULL,
    updated_at         timestamptz NOT NULL,
    updated_by         text        NOT NULL,
    version            bigint      NOT NULL DEFAULT 0,
    CHECK ((to_org_id IS NULL) <> (to_external_name IS NULL))
);
CREATE UNIQUE INDEX transfer_one_open ON transfer (member_id) WHERE status = 'ISSUED';
CREATE INDEX transfer_m1_due ON transfer (due_at) WHERE status = 'ISSUED';
CREATE INDEX transfer_from ON transfer (from_org_id);
CREATE INDEX transfer_to ON transfer (to_org_id);

-- 年审: one verification per member and year.
CREATE TABLE annual_review (
    id          uuid        PRIMARY KEY,
    member_id   uuid        NOT NULL REFERENCES member (id),
    year        int         NOT NULL,
    verified_at date        NOT NULL,
    note        text,
    recorded_by text        NOT NULL,
    recorded_at timestamptz NOT NULL,
    UNIQUE (member_id, year)
);

-- What rules M1–M3 found, once per (rule, subject, period): scanning again emits nothing new.
CREATE TABLE scan_finding (
    rule       text        NOT NULL,
    subject_id uuid        NOT NULL,   -- the transfer (M1), member (M2) or outflow (M3)
    period     text        NOT NULL,   -- the review year for M2, '-' otherwise (once per transfer/outflow)
    member_id  uuid        NOT NULL,
    as_of      timestamptz NOT NULL,
    event_id   uuid        NOT NULL,
    PRIMARY KEY (rule, subject_id, period)
);

-- Who corrected an ID number, when and why (domain.md §3b: audited like a reveal). Never the number itself.
-- Audit: insert-only (below).
CREATE TABLE id_number_correction (
    id           uuid        PRIMARY KEY,
    member_id    uuid        NOT NULL REFERENCES member (id),
    corrected_by text        NOT NULL,
    corrected_at timestamptz NOT NULL,
    reason       text        NOT NULL
);
CREATE INDEX id_number_correction_member ON id_number_correction (member_id);

-- Every time an ID number was found already registered (registration, roster import, correction): who asked, when,
-- which org holds the number, for which org the caller acted, and the lowest common ancestor of the two (the org whose
-- ORG_ADMIN is told, the start of ID reconciliation: 口袋党员, 空挂). Never the number, never the other member.
-- Read back per caller and window to rate-limit the look-ups (the ID number must not be an oracle), and by the
-- audit API per subtree of the common ancestor. Audit: insert-only (below).
CREATE TABLE id_number_duplicate_hit (
    id                  uuid        PRIMARY KEY,
    caller              text        NOT NULL,  -- token subject
    hit_at              timestamptz NOT NULL,
    holder_org_id       uuid        NOT NULL,  -- the org of the member who holds the number
    acting_org_id       uuid        NOT NULL,  -- the org the caller registered, imported or corrected for
    common_ancestor_id  uuid                   -- lowest common ancestor of both; NULL when they lie in separate trees
);
CREATE INDEX id_number_duplicate_hit_caller ON id_number_duplicate_hit (caller, hit_at);
CREATE INDEX id_number_duplicate_hit_ancestor ON id_number_duplicate_hit (common_ancestor_id, hit_at);

-- The audit API reads each log newest first.
CREATE INDEX id_number_reveal_at ON id_number_reveal (revealed_at);
CREATE INDEX id_number_correction_at ON id_number_correction (corrected_at);
CREATE INDEX standing_change_recorded_at ON standing_change (recorded_at);

-- Issue 14: a roster (花名册) import is a job. POST /orgs/{id}/roster answers 202 with the job's Location; the job runs
-- on the instance that received the upload (the spooled file is local to it) and writes its progress here in short
-- transactions of its own, so that GET /orgs/{id}/roster-imports/{importId} answers on every replica. Its outcome is
-- written in the import's own transaction: the members, their events and the report commit together, or none does.
-- An instance that dies mid-job stops its heartbeat; a job whose heartbeat is older than
-- lianxin.member.roster.job-abandoned-after is reported, and recorded, as ABANDONED (never RUNNING for ever).
CREATE TABLE roster_import_job (
    id              uuid        PRIMARY KEY,
    org_id          uuid        NOT NULL REFERENCES org (id),
    mode            text        NOT NULL CHECK (mode IN ('ALL_OR_NOTHING', 'VALID_ROWS')),
    status          text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'REFUSED', 'FAILED', 'ABANDONED')),
    rows_read       integer     NOT NULL DEFAULT 0,   -- non-blank data rows read so far
    rows_total      integer,                          -- data rows of the sheet, counted before reading (blank ones too) when known
    imported        integer     NOT NULL DEFAULT 0,   -- members registered (committed with the outcome)
    rejected        integer     NOT NULL DEFAULT 0,   -- rows refused
    errors          jsonb       NOT NULL DEFAULT '[]', -- [{row, column, message}], at most 1000 (never an ID number)
    errors_truncated boolean    NOT NULL DEFAULT false,
    problem         jsonb,                            -- REFUSED, FAILED, ABANDONED: the problem (RFC 9457) the import met
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz,
    heartbeat_at    timestamptz NOT NULL,
    instance        text        NOT NULL              -- host name and process id of the instance running it
);
CREATE INDEX roster_import_job_org ON roster_import_job (org_id, created_at);

-- The audit is insert-only: who revealed, corrected or found already registered an ID number, and every standing
-- change (党籍) with its decision, is what an auditor reads (AUDITOR, ORG_ADMIN) and what nobody may rewrite. The
-- service adds rows and reads them, never changes or removes one: no UPDATE, DELETE or TRUNCATE granted to it, and a
-- trigger refuses them to everyone else as well, the owner of the schema included. A later migration that must touch
-- old rows says so in review: ALTER TABLE ... DISABLE TRIGGER, then ENABLE.
CREATE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%.% is insert-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
REVOKE ALL ON FUNCTION refuse_audit_rewrite() FROM PUBLIC;

REVOKE UPDATE, DELETE, TRUNCATE ON id_number_reveal FROM "${runtime_role}";
CREATE TRIGGER id_number_reveal_insert_only BEFORE UPDATE OR DELETE ON id_number_reveal FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER id_number_reveal_no_truncate BEFORE TRUNCATE ON id_number_reveal FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();

REVOKE UPDATE, DELETE, TRUNCATE ON id_number_correction FROM "${runtime_role}";
CREATE TRIGGER id_number_correction_insert_only BEFORE UPDATE OR DELETE ON id_number_correction FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER id_number_correction_no_truncate BEFORE TRUNCATE ON id_number_correction FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();

REVOKE UPDATE, DELETE, TRUNCATE ON id_number_duplicate_hit FROM "${runtime_role}";
CREATE TRIGGER id_number_duplicate_hit_insert_only BEFORE UPDATE OR DELETE ON id_number_duplicate_hit FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER id_number_duplicate_hit_no_truncate BEFORE TRUNCATE ON id_number_duplicate_hit FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();

REVOKE UPDATE, DELETE, TRUNCATE ON standing_change FROM "${runtime_role}";
CREATE TRIGGER standing_change_insert_only BEFORE UPDATE OR DELETE ON standing_change FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER standing_change_no_truncate BEFORE TRUNCATE ON standing_change FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
