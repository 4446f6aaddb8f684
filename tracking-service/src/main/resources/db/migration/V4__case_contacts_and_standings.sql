-- Closing the loop (domain.md §4b, §3b): contacts that come from case.events, who made a contact, and the
-- standings that end membership.

-- contacted_by: the person who made the contact when the request named one (recorded_by is always the caller).
-- case_id: the case file a CASE_FOUND or FOLLOW_UP contact came from.
ALTER TABLE contact ADD COLUMN contacted_by text;
ALTER TABLE contact ADD COLUMN case_id uuid;
ALTER TABLE contact ADD CONSTRAINT contact_channel CHECK (channel IN
    ('PHONE', 'SMS', 'WECHAT', 'VISIT', 'ORG_LIFE', 'DUES', 'SELF_CHECK_IN', 'OTHER', 'CASE_FOUND', 'FOLLOW_UP'));
ALTER TABLE contact ADD CONSTRAINT contact_outcome CHECK (outcome IN ('REACHED', 'NOT_REACHED'));
ALTER TABLE contact ADD CONSTRAINT contact_case_source CHECK ((channel IN ('CASE_FOUND', 'FOLLOW_UP')) = (case_id IS NOT NULL));

-- 党籍 (Standing): every standing but ACTIVE exempts the member from the clocks; EXPELLED (开除党籍) and WITHDRAWN (退党)
-- are new.
ALTER TABLE member ADD CONSTRAINT member_standing CHECK (standing IN
    ('ACTIVE', 'SUSPENDED', 'REMOVED', 'PROBATION_CANCELLED', 'EXPELLED', 'WITHDRAWN', 'DECEASED'));
COMMENT ON COLUMN member.standing IS
    'ACTIVE | SUSPENDED | REMOVED | PROBATION_CANCELLED | EXPELLED | WITHDRAWN | DECEASED; only ACTIVE runs clocks';
