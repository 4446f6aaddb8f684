-- 目标责任考核: the accountability figures (docs/domain.md §7) are a read model over the contact log, the member
-- projection and the case facts below, kept from case.events this service already consumes. Each write is an
-- idempotent upsert (and the consumer's inbox drops a redelivered ce_id), so a replay converges.

-- C1's deadline of each opening, as CaseOpened states it (verificationDueAt); null for openings kept before V5.
ALTER TABLE case_loss ADD COLUMN verification_due_at timestamptz;

-- Every search attempt of a case (SearchAttemptLogged): `logged_at` is when case-service logged it (the event's
-- ce_time, what C1 looks at), `at` when the branch says it was made.
CREATE TABLE search_attempt (
    attempt_id uuid        PRIMARY KEY,
    case_id    uuid        NOT NULL,
    member_id  uuid        NOT NULL,
    at         timestamptz NOT NULL,
    logged_at  timestamptz NOT NULL
);
CREATE INDEX search_attempt_case ON search_attempt (case_id, logged_at);

-- Every finding of a case (MemberFound, whatever found the member): an opening found before its C1 deadline without an
-- attempt is not counted against the branch.
CREATE TABLE case_found (
    case_id   uuid        NOT NULL,
    found_at  timestamptz NOT NULL,
    member_id uuid        NOT NULL,
    PRIMARY KEY (case_id, found_at)
);

-- Every follow-up visit recorded (FollowUpRecorded, C7), whatever its result: the follow-ups done.
CREATE TABLE follow_up_done (
    case_id      uuid        NOT NULL,
    follow_up_no int         NOT NULL,
    visited_at   timestamptz NOT NULL,
    member_id    uuid        NOT NULL,
    result       text        NOT NULL,
    PRIMARY KEY (case_id, follow_up_no, visited_at)
);
CREATE INDEX follow_up_done_member ON follow_up_done (member_id, visited_at);

-- AccountabilityReported: published once per branch and month, in the transaction that inserts its row here.
CREATE TABLE accountability_report (
    org_id       uuid        NOT NULL,
    month        text        NOT NULL,   -- yyyy-MM, Asia/Shanghai
    reported_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, month)
);
