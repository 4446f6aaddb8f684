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
