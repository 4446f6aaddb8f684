-- Every time an ID number was found already registered (registration, roster import, correction): who asked, when,
-- which org holds the number and for which org the caller acted. Never the number, never the other member.
-- Read back per caller and window to rate-limit the look-ups (the ID number must not be an oracle).
CREATE TABLE id_number_duplicate_hit (
    id            uuid        PRIMARY KEY,
    caller        text        NOT NULL,  -- token subject
    hit_at        timestamptz NOT NULL,
    holder_org_id uuid        NOT NULL,  -- the org of the member who holds the number
    acting_org_id uuid        NOT NULL   -- the org the caller registered, imported or corrected for
);
CREATE INDEX id_number_duplicate_hit_caller ON id_number_duplicate_hit (caller, hit_at);
