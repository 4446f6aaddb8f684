-- 目标责任考核: tracking-service's AccountabilityReported (contact.events), a branch's accountability figures for a
-- month, kept as they came so that the monthly report (C8) shows each branch's figures beside its own. One row per
-- branch and month; a redelivery is dropped by the inbox, a later report of the same month replaces an earlier one.
CREATE TABLE branch_accountability (
    org_id      uuid        NOT NULL,
    month       text        NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),   -- yyyy-MM, Asia/Shanghai
    as_of       timestamptz NOT NULL,   -- when tracking-service took the figures
    figures     jsonb       NOT NULL,   -- contracts' AccountabilityFigures
    received_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, month)
);
