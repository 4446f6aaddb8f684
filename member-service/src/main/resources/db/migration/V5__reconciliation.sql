-- ID reconciliation across the tree (口袋党员, 空挂; docs/domain.md §7, issue 17 feature 9): the report of an org's
-- subtree reads the register, the transfers and outflows, the duplicate-hit audit and the two projections below.

-- A duplicate hit names the member who holds the number from now on (never the number itself), so that the report can
-- name that record (masked ID number, branch) and drop the hit once the member moved, left or had the number corrected.
-- Hits recorded before carry NULL. Adding a column rewrites no row: the insert-only triggers stay as they are.
ALTER TABLE id_number_duplicate_hit ADD COLUMN holder_member_id uuid;
CREATE INDEX id_number_duplicate_hit_holder ON id_number_duplicate_hit (holder_member_id);

-- REACHED contacts from tracking-service (contact.events ContactRecorded, outcome REACHED): one row per contact, so that
-- the last one before any asOf is known. No foreign key: a contact may name a member this register does not hold.
CREATE TABLE reached_contact (
    contact_id  uuid        PRIMARY KEY,
    member_id   uuid        NOT NULL,
    reached_at  timestamptz NOT NULL
);
CREATE INDEX reached_contact_member ON reached_contact (member_id, reached_at);

-- Case files from case-service (case.events CaseOpened, CaseClosed): open while closed_at is NULL (the times are the
-- events' ce_time). A reopened case (re-loss) is the same case open again.
CREATE TABLE member_case (
    case_id    uuid        PRIMARY KEY,
    member_id  uuid        NOT NULL,
    opened_at  timestamptz NOT NULL,
    closed_at  timestamptz
);
CREATE INDEX member_case_open ON member_case (member_id) WHERE closed_at IS NULL;
