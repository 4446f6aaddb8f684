-- 党籍 history: every standing change with the decision it applies (member-service is the only writer of standing).
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
    recorded_at           timestamptz NOT NULL
);
CREATE INDEX standing_change_member ON standing_change (member_id, effective_at);
CREATE INDEX member_standing ON member (standing);
