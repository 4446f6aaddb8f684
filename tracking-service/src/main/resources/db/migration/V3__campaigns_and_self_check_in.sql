-- 专项排查 campaigns and the 报平安 self check-in link (docs/domain.md §7).

-- The member projection also keeps what the campaign lists show and select by: the name (MemberRegistered,
-- MemberProfileChanged) and the focus tags (重点对象: contracts' FocusTag), empty when none.
ALTER TABLE member
    ADD COLUMN name       text,
    ADD COLUMN focus_tags text[] NOT NULL DEFAULT '{}';

-- case-service's open lost-contact cases (一人一档), from CaseOpened / CaseClosed on case.events: a member with an
-- open case is accounted for in a campaign. A CaseClosed seen before its CaseOpened (a replay) keeps the closing.
CREATE TABLE member_case (
    case_id    uuid        PRIMARY KEY,
    member_id  uuid        NOT NULL,
    opened_at  timestamptz,                -- ce_time of CaseOpened
    closed_at  timestamptz                 -- ce_time of CaseClosed; NULL while open
);
CREATE INDEX member_case_open ON member_case (member_id) WHERE closed_at IS NULL;

-- A campaign (专项排查) of one org's subtree over a window of Shanghai calendar days [starts_on, ends_on].
CREATE TABLE campaign (
    campaign_id   uuid        PRIMARY KEY,
    org_id        uuid        NOT NULL,
    org_path      text        NOT NULL,   -- the org's path at opening: the scope and who may see the campaign
    name          text        NOT NULL,
    starts_on     date        NOT NULL,
    ends_on       date        NOT NULL,
    focus_tags    text[]      NOT NULL DEFAULT '{}',   -- empty: every member in scope
    status        text        NOT NULL CONSTRAINT campaign_status CHECK (status IN ('OPEN', 'CLOSED')),
    opened_by     text        NOT NULL,   -- the token's sub
    opened_at     timestamptz NOT NULL,
    closed_by     text,                   -- the token's sub of an early close; the scan's name at the window's end
    closed_at     timestamptz,
    close_reason  text        CONSTRAINT campaign_close_reason CHECK (close_reason IN ('WINDOW_ENDED', 'CLOSED_EARLY')),
    figures_as_of timestamptz,            -- the instant the final figures were taken as of
    CONSTRAINT campaign_window CHECK (ends_on >= starts_on),
    CONSTRAINT campaign_closed CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
);
CREATE INDEX campaign_org_path ON campaign (org_path text_pattern_ops);
CREATE INDEX campaign_open_ends ON campaign (ends_on) WHERE status = 'OPEN';

-- Who is in scope: fixed at opening (ACTIVE and in the register then, with a focus tag when the campaign names any),
-- each with the branch they belonged to then (the branch that answers for them in the progress and the reminders).
-- At the close, the outcome of each member is stored (accounting), so that a closed campaign keeps its final lists.
CREATE TABLE campaign_member (
    campaign_id uuid NOT NULL REFERENCES campaign (campaign_id),
    member_id   uuid NOT NULL,
    branch_id   uuid NOT NULL,
    accounting  text,                     -- the final Accounting of a closed campaign; NULL while open
    PRIMARY KEY (campaign_id, member_id)
);
CREATE INDEX campaign_member_branch ON campaign_member (campaign_id, branch_id);

-- The exactly-once key of CampaignReminderDue: one reminder per campaign and lagging branch, ever.
CREATE TABLE campaign_reminder (
    campaign_id    uuid        NOT NULL REFERENCES campaign (campaign_id),
    branch_id      uuid        NOT NULL,
    reminded_at    timestamptz NOT NULL,
    PRIMARY KEY (campaign_id, branch_id)
);

-- The final figures of a closed campaign per branch (stored, never recomputed).
CREATE TABLE campaign_branch_figures (
    campaign_id  uuid   NOT NULL REFERENCES campaign (campaign_id),
    branch_id    uuid   NOT NULL,
    in_scope     int    NOT NULL,
    accounted    int    NOT NULL,
    PRIMARY KEY (campaign_id, branch_id)
);

-- 报平安 links used: a link (its jti) records one contact, once, ever.
CREATE TABLE self_check_in_link (
    jti         uuid        PRIMARY KEY,
    member_id   uuid        NOT NULL,
    contact_id  uuid        NOT NULL,
    used_at     timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL      -- the link's exp: the row may be purged after it
);
