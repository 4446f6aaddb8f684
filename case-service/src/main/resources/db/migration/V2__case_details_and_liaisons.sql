-- Issue 11 "Close the loop": editable case details with an owner, the "to be completed" list, liaisons.

-- 责任人 of a case: a name, and a member id when the owner is on the register.
ALTER TABLE case_file ADD COLUMN owner_name text;
ALTER TABLE case_file ADD COLUMN owner_member_id uuid;

-- A case opened automatically starts with situation UNKNOWN until the branch completes it.
UPDATE case_file SET situation = 'UNKNOWN' WHERE situation IS NULL;
ALTER TABLE case_file ALTER COLUMN situation SET NOT NULL;
ALTER TABLE case_file ADD CONSTRAINT case_file_situation CHECK (situation IN ('MIGRANT_WORK',
    'ENTERPRISE_RESTRUCTURED', 'GRADUATE_UNKNOWN', 'JOB_CHANGED', 'ABROAD', 'MOVED', 'OTHER', 'UNKNOWN'));
CREATE INDEX case_file_incomplete ON case_file (org_path text_pattern_ops)
    WHERE situation = 'UNKNOWN' AND state <> 'CLOSED';

-- The liaison (联络员) of a member, from LiaisonAssigned: a LIAISON sees only the cases of their members.
ALTER TABLE member_projection ADD COLUMN liaison_member_id uuid;
CREATE INDEX member_projection_liaison ON member_projection (liaison_member_id) WHERE liaison_member_id IS NOT NULL;
