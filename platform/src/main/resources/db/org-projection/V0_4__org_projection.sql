-- A consumer's view of member-service's organization tree, built from OrgCreated / OrgChanged. For the services that
-- keep one (tracking, case, notification: db/org-projection in quarkus.flyway.locations).
CREATE TABLE org_projection (
    org_id          uuid        PRIMARY KEY,
    parent_id       uuid,
    path            text        NOT NULL,  -- /root-id/.../org-id/ : a subtree is a prefix match
    name            text        NOT NULL,
    type            text        NOT NULL,
    secretary       jsonb,                 -- {name, phone, wechat, email}: who hears about this org's members
    organizer       jsonb,                 -- 组织委员
    updated_at      timestamptz NOT NULL   -- ce_time of the event that last changed it
);
CREATE INDEX org_projection_path ON org_projection (path text_pattern_ops);
CREATE INDEX org_projection_parent ON org_projection (parent_id);
