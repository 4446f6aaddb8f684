-- Issue 12: with two or more replicas, each daily scheduled job (the scans, retention) runs once per cluster. A replica
-- runs a job only after its row for (job, scheduled fire time) went in here (platform's OncePerCluster); the others
-- skip that run. The rows are the operators' record of the last runs: who ran it, when it ended and how
-- (docs/operations.md, "Scheduled work"). A row without finished_at is a run still going, or one whose instance died.
CREATE TABLE scheduled_run (
    job         text        NOT NULL,   -- the @Scheduled identity, e.g. contact-clock-scan, retention
    fire_time   timestamptz NOT NULL,   -- the scheduler's fire time, to the second: the same on every replica
    instance    text        NOT NULL,   -- who claimed it: host name and process id, or LIANXIN_SCHEDULE_INSTANCE
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    outcome     text        CHECK (outcome IN ('SUCCEEDED', 'FAILED')),
    detail      text,                   -- what the run did, or why it failed
    PRIMARY KEY (job, fire_time)
);

-- The runtime role claims and finishes runs: the DML every table of this schema grants it (V0_1's default privileges
-- give it too; stated here so that this table does not depend on them).
GRANT SELECT, INSERT, UPDATE, DELETE ON scheduled_run TO "${runtime_role}";
