-- clock.stage by name instead of 0/1/2 (the domain's ClockStage is the one definition; ClockStageInStepTest checks
-- that its constants are these labels, in this order):
--   RUNNING  = running toward its due date (next_at = due_at),
--   REMINDED = reminded at due, the escalation pending (next_at = grace_until),
--   DONE     = nothing more to announce for this period (next_at IS NULL).
-- An enum is 4 bytes, as wide as the smallint it replaces once aligned between the timestamps around it, and compares
-- by its oid: the scan's WHERE c.stage = 'RUNNING' costs what c.stage = 0 did. No index, predicate or constraint names
-- the column (clock_next is on (rule, next_at)); the one rewrite below rebuilds the indexes and keeps the fillfactor.
CREATE TYPE clock_stage AS ENUM ('RUNNING', 'REMINDED', 'DONE');

-- The default goes and comes back around the conversion: the smallint 0 cannot be cast to the enum.
ALTER TABLE clock
    ALTER COLUMN stage DROP DEFAULT,
    ALTER COLUMN stage TYPE clock_stage
        USING CAST(CASE stage WHEN 0 THEN 'RUNNING' WHEN 1 THEN 'REMINDED' WHEN 2 THEN 'DONE' END AS clock_stage),
    ALTER COLUMN stage SET DEFAULT 'RUNNING';

COMMENT ON COLUMN clock.stage IS
    'RUNNING (next_at = due_at) | REMINDED, escalation pending (next_at = grace_until) | DONE for this period';
