-- Policy features (docs/domain.md §7): 专项排查 focus tags on the register, contact-data health (联系方式核实), and
-- roster filing (花名册备案). New tables get the runtime role's DML from the owner's default privileges (db/platform/V0_1).

-- 专项排查 focus tags: the names of cn.lianxin.member.domain.FocusTag, empty when none.
ALTER TABLE member ADD COLUMN focus_tags text[] NOT NULL DEFAULT '{}'
    CHECK (focus_tags <@ ARRAY['VETERAN_PRE_1949', 'OVER_80', 'HARDSHIP', 'SERIOUS_ILLNESS', 'ABROAD', 'GRADUATE']::text[]);

-- Contact-data health: a contact detail whose deliveries failed (NotificationFailed of notification-service), since
-- its first failure not yet cleared and with the last error code (never the address); and the last confirmation of the
-- contact details. Cleared when the detail changes through the API, or when someone confirms the details.
ALTER TABLE member
    ADD COLUMN phone_failing_since  timestamptz,
    ADD COLUMN phone_failure_code   text,
    ADD COLUMN email_failing_since  timestamptz,
    ADD COLUMN email_failure_code   text,
    ADD COLUMN wechat_failing_since timestamptz,
    ADD COLUMN wechat_failure_code  text,
    ADD COLUMN contact_confirmed_at timestamptz,
    ADD COLUMN contact_confirmed_by text;

-- Who confirmed a member's contact details and when (联系方式核实), and which failing flags that cleared. Audit:
-- insert-only (below), like the other audit logs.
CREATE TABLE contact_confirmation (
    id           uuid        PRIMARY KEY,
    member_id    uuid        NOT NULL REFERENCES member (id),
    confirmed_by text        NOT NULL,
    confirmed_at timestamptz NOT NULL,
    cleared      text[]      NOT NULL DEFAULT '{}'   -- the details that were failing: PHONE, EMAIL, WECHAT
);
CREATE INDEX contact_confirmation_member ON contact_confirmation (member_id, confirmed_at);
REVOKE UPDATE, DELETE, TRUNCATE ON contact_confirmation FROM "${runtime_role}";
CREATE TRIGGER contact_confirmation_insert_only BEFORE UPDATE OR DELETE ON contact_confirmation FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER contact_confirmation_no_truncate BEFORE TRUNCATE ON contact_confirmation FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();

-- 花名册备案: a branch's roster filed for a year — the exact bytes of the roster export at that moment with their
-- SHA-256, the counts taken from the same rows, who filed it and when — and the superior committee's decision. One
-- active (FILED or ACKNOWLEDGED) filing per branch and year; after a RETURN the branch files a new version.
CREATE TABLE roster_filing (
    id                   uuid        PRIMARY KEY,
    org_id               uuid        NOT NULL REFERENCES org (id),
    year                 int         NOT NULL,
    version              int         NOT NULL,
    state                text        NOT NULL CHECK (state IN ('FILED', 'ACKNOWLEDGED', 'RETURNED')),
    members              int         NOT NULL,
    full_members         int         NOT NULL,
    probationary_members int         NOT NULL,
    flowing_members      int         NOT NULL,
    by_standing          jsonb       NOT NULL,     -- {"ACTIVE": n, …}: every standing
    content              bytea       NOT NULL,     -- the .xlsx as filed
    content_hash         text        NOT NULL,     -- SHA-256 of content, lower-case hex
    content_size         int         NOT NULL,
    filed_by             text        NOT NULL,
    filed_at             timestamptz NOT NULL,
    decided_by           text,
    decided_by_org       uuid,
    decided_at           timestamptz,
    remarks              text,
    UNIQUE (org_id, year, version),
    CHECK ((state = 'FILED') = (decided_at IS NULL)),
    CHECK (state <> 'RETURNED' OR remarks IS NOT NULL)
);
CREATE UNIQUE INDEX roster_filing_one_active ON roster_filing (org_id, year) WHERE state IN ('FILED', 'ACKNOWLEDGED');
CREATE INDEX roster_filing_year ON roster_filing (year, org_id);
