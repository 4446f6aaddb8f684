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
