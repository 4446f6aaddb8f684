-- The exactly-once key of the scan events moves onto the clock row itself: a scan emits by updating the clock
-- (stage, emitted_level, emitted_due_at) under its advisory lock, and an UPDATE … WHERE the key differs …
-- RETURNING says what is new. One write per event on the clock instead of two (clock + clock_emission).
--   emitted_level / emitted_due_at: the last level announced and the period (due_at) it was announced for;
--   emission_open: that announcement still stands (not yet ended by a REACHED contact, T8, or a member event).
-- T6 (SelfWithdrawalSuspected) marks the ORG_LIFE_ABSENCE / DUES_ABSENCE clocks it fired on.
ALTER TABLE clock
    ADD COLUMN emitted_level  text,
    ADD COLUMN emitted_due_at timestamptz,
    ADD COLUMN emission_open  boolean NOT NULL DEFAULT false;

UPDATE clock c SET emitted_level = e.level, emitted_due_at = e.due_at, emission_open = e.cleared_at IS NULL
FROM (SELECT DISTINCT ON (member_id, rule) member_id, rule, level, due_at, cleared_at
      FROM clock_emission WHERE rule <> 'SELF_WITHDRAWAL'
      ORDER BY member_id, rule, due_at DESC, level = 'ESCALATED' DESC) e
WHERE c.member_id = e.member_id AND c.rule = e.rule;

UPDATE clock c SET emitted_level = 'NOTICE', emitted_due_at = c.due_at, emission_open = true
FROM clock_emission e
WHERE e.rule = 'SELF_WITHDRAWAL' AND e.cleared_at IS NULL AND c.member_id = e.member_id
  AND c.rule IN ('ORG_LIFE_ABSENCE', 'DUES_ABSENCE') AND c.stage = 2;

DROP TABLE clock_emission;
