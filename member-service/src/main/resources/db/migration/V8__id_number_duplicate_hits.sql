-- Every time an ID number was found already registered (registration, roster import, correction): who asked, when,
-- which org holds the number, for which org the caller acted, and the lowest common ancestor of the two (the org whose
-- ORG_ADMIN is told, the start of ID reconciliation: 口袋党员, 空挂). Never the number, never the other member.
-- Read back per caller and window to rate-limit the look-ups (the ID number must not be an oracle), and by the
-- audit API per subtree of the common ancestor.
CREATE TABLE id_number_duplicate_hit (
    id                  uuid        PRIMARY KEY,
    caller              text        NOT NULL,  -- token subject
    hit_at              timestamptz NOT NULL,
    holder_org_id       uuid        NOT NULL,  -- the org of the member who holds the number
    acting_org_id       uuid        NOT NULL,  -- the org the caller registered, imported or corrected for
    common_ancestor_id  uuid                   -- lowest common ancestor of both; NULL when they lie in separate trees
);
CREATE INDEX id_number_duplicate_hit_caller ON id_number_duplicate_hit (caller, hit_at);
CREATE INDEX id_number_duplicate_hit_ancestor ON id_number_duplicate_hit (common_ancestor_id, hit_at);

-- The audit API reads each log newest first.
CREATE INDEX id_number_reveal_at ON id_number_reveal (revealed_at);
CREATE INDEX id_number_correction_at ON id_number_correction (corrected_at);
CREATE INDEX standing_change_recorded_at ON standing_change (recorded_at);
