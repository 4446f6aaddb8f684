-- Cross-department lookups (联合公安、电信、社保、房管 查询) of a case: a request asked by the case owner with its legal
-- basis, decided by an organization above the member's branch, sent to the department (lookup.requests) only once
-- approved, answered once (lookup.answers), chased while unanswered. Every step is also on the case's timeline.
CREATE TABLE lookup_request (
    id               uuid        PRIMARY KEY,
    case_id          uuid        NOT NULL REFERENCES case_file (id),
    episode          int         NOT NULL,
    member_id        uuid        NOT NULL,
    org_id           uuid        NOT NULL,   -- the member's branch when asked
    org_path         text        NOT NULL,
    department       text        NOT NULL CHECK (department IN ('PUBLIC_SECURITY', 'TELECOM', 'SOCIAL_SECURITY', 'HOUSING')),
    basis            text        NOT NULL CHECK (basis IN ('EDUCATION_MANAGEMENT_REGULATION',
                                     'RIGHTS_PROTECTION_REGULATION', 'ORGANIZATION_WORK_DOCUMENT',
                                     'INTERDEPARTMENTAL_AGREEMENT')),
    citation         text        NOT NULL CHECK (length(trim(citation)) > 0),
    asked            text        NOT NULL,   -- LookupItem names, comma-separated
    note             text,
    state            text        NOT NULL CHECK (state IN ('PENDING_APPROVAL', 'APPROVED', 'REFUSED', 'ANSWERED')),
    requested_by     text        NOT NULL,
    requested_at     timestamptz NOT NULL,
    decided_by       text,
    decided_at       timestamptz,
    approving_org_id uuid,
    decision_note    text,                   -- the approval's note, or the refusal's reason
    sent_at          timestamptz,
    answer_due_at    timestamptz,            -- next chase deadline while APPROVED
    chase_count      int         NOT NULL DEFAULT 0,
    last_chased_at   timestamptz,
    answered_at      timestamptz,
    found            boolean,
    finding          text,                   -- personal data: stored and shown, never logged
    answer_ref       text,
    answer_event_id  uuid,
    attempt_id       uuid,
    version          bigint      NOT NULL DEFAULT 0,
    -- Nothing leaves without a decision by someone other than the requester.
    CONSTRAINT lookup_request_decided CHECK (state = 'PENDING_APPROVAL'
        OR (decided_by IS NOT NULL AND decided_at IS NOT NULL AND decided_by <> requested_by)),
    CONSTRAINT lookup_request_sent CHECK (state NOT IN ('APPROVED', 'ANSWERED') OR sent_at IS NOT NULL)
);
CREATE INDEX lookup_request_case ON lookup_request (case_id, requested_at);
-- What awaits approval in a subtree, and what is due for a chase.
CREATE INDEX lookup_request_pending ON lookup_request (org_path text_pattern_ops) WHERE state = 'PENDING_APPROVAL';
CREATE INDEX lookup_request_chase_due ON lookup_request (answer_due_at) WHERE state = 'APPROVED';

-- Every answer received on lookup.answers, applied or ignored (unknown request, already answered, not sent), with
-- when: the audit of what the departments said. Insert-only, like the case's timeline. The finding is not repeated
-- here: it is kept once, on the request it answers.
CREATE TABLE lookup_answer_received (
    id          uuid        PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,   -- ce_id of the LookupAnswered
    request_id  uuid        NOT NULL,
    department  text        NOT NULL,
    found       boolean     NOT NULL,
    answered_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    outcome     text        NOT NULL CHECK (outcome IN ('APPLIED', 'UNKNOWN_REQUEST', 'ALREADY_ANSWERED', 'NOT_SENT',
                                'WRONG_DEPARTMENT'))
);
CREATE INDEX lookup_answer_received_request ON lookup_answer_received (request_id);

REVOKE UPDATE, DELETE, TRUNCATE ON lookup_answer_received FROM "${runtime_role}";
CREATE TRIGGER lookup_answer_received_insert_only BEFORE UPDATE OR DELETE ON lookup_answer_received FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER lookup_answer_received_no_truncate BEFORE TRUNCATE ON lookup_answer_received FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
