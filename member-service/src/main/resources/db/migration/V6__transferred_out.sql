-- A member whose relationship was transferred out of this system (receipt of a transfer to an external org)
-- stays on record but has left the register: no outflows, transfers or annual-review duties any more.
ALTER TABLE member ADD COLUMN transferred_out_at timestamptz;
