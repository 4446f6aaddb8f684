-- Standing changes that do not come from a case (domain.md §3b): 开除党籍 (EXPELLED) and 退党 (WITHDRAWN) join the
-- standings, and each change records its facts and who recorded it.
ALTER TABLE member DROP CONSTRAINT member_standing_check;
ALTER TABLE member ADD CONSTRAINT member_standing_check
    CHECK (standing IN ('ACTIVE', 'SUSPENDED', 'REMOVED', 'PROBATION_CANCELLED', 'EXPELLED', 'WITHDRAWN', 'DECEASED'));

ALTER TABLE standing_change
    ADD COLUMN died_on          date,   -- DECEASED: day of death
    ADD COLUMN learned_how      text,   -- DECEASED: how the organization learned of it
    ADD COLUMN evidence_ref     text,   -- DECEASED: 死亡证明/户籍注销证明, if any
    ADD COLUMN application_date date,   -- WITHDRAWN: 退党申请 day
    ADD COLUMN approving_org    text,   -- EXPELLED: the org that approved the disciplinary decision
    ADD COLUMN recorded_by      text;   -- token subject, or case-service for a CaseDisposed
UPDATE standing_change SET recorded_by = 'case-service' WHERE recorded_by IS NULL;
ALTER TABLE standing_change ALTER COLUMN recorded_by SET NOT NULL;
ALTER TABLE standing_change ADD CONSTRAINT standing_change_to_check
    CHECK (to_standing IN ('ACTIVE', 'SUSPENDED', 'REMOVED', 'PROBATION_CANCELLED', 'EXPELLED', 'WITHDRAWN', 'DECEASED'));

-- Who corrected an ID number, when and why (domain.md §3b: audited like a reveal). Never the number itself.
CREATE TABLE id_number_correction (
    id           uuid        PRIMARY KEY,
    member_id    uuid        NOT NULL REFERENCES member (id),
    corrected_by text        NOT NULL,
    corrected_at timestamptz NOT NULL,
    reason       text        NOT NULL
);
CREATE INDEX id_number_correction_member ON id_number_correction (member_id);
