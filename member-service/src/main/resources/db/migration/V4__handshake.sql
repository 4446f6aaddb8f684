-- The two-sided handshake of outflows and transfers (docs/domain.md rules M4, M5): the receiving org confirms the
-- report-in (报到) or the receipt (回执) by a due day; unconfirmed, both sides are reminded, then the superior org of
-- the sending side. cn.lianxin.member.domain.Handshake defines the deadlines and the states.

-- The last day the report-in of an outflow is due, fixed when the outflow is registered (left_at +
-- lianxin.member.report-in-deadline) as a transfer's due_at is; outflows registered before take the default month.
ALTER TABLE outflow ADD COLUMN report_in_due_at date;
UPDATE outflow SET report_in_due_at = CAST(left_at + interval '1 month' AS date);
ALTER TABLE outflow ALTER COLUMN report_in_due_at SET NOT NULL;
-- Rule M4 looks for open outflows past their report-in day (and M5 a grace later).
CREATE INDEX outflow_m4_due ON outflow (report_in_due_at) WHERE status = 'OPEN';

-- Who confirmed a report-in or a receipt, when, for which sides, and whether the sides had already been reminded (rule
-- M1 or M4) or the superior org told (M5): a confirmation after a reminder ends it. Audit: insert-only (below), like
-- the other audit logs.
CREATE TABLE handshake_confirmation (
    id               uuid        PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('OUTFLOW', 'TRANSFER')),
    subject_id       uuid        NOT NULL,    -- the outflow or the transfer
    member_id        uuid        NOT NULL REFERENCES member (id),
    sending_org_id   uuid        NOT NULL REFERENCES org (id),
    receiving_org_id uuid        REFERENCES org (id),   -- null: an org outside this system
    due_at           date        NOT NULL,
    confirmed_at     timestamptz NOT NULL,    -- the report-in or receipt as registered
    confirmed_by     text        NOT NULL,    -- the caller's token (sub)
    recorded_at      timestamptz NOT NULL,
    reminded         boolean     NOT NULL,    -- a reminder had gone out (M1, M4) before
    escalated        boolean     NOT NULL     -- the superior org of the sending side had been told (M5) before
);
CREATE INDEX handshake_confirmation_recorded ON handshake_confirmation (recorded_at);
CREATE INDEX handshake_confirmation_subject ON handshake_confirmation (subject_id);
REVOKE UPDATE, DELETE, TRUNCATE ON handshake_confirmation FROM "${runtime_role}";
CREATE TRIGGER handshake_confirmation_insert_only BEFORE UPDATE OR DELETE ON handshake_confirmation FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER handshake_confirmation_no_truncate BEFORE TRUNCATE ON handshake_confirmation FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
