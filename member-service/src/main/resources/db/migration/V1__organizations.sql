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
