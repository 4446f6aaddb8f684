-- 流失风险: the explainable loss-risk score (docs/domain.md §7) is a read model over what this service holds: the
-- contact log, the member projection, and the facts below, kept from events it already receives (member.events,
-- case.events) and from notification-service's NotificationFailed (notification.events). Each write is an idempotent
-- upsert, so a replay converges.

-- A transfer in transit: member-service announces a transfer letter (介绍信) when it is issued (TransferIssued, the start
-- of the handshake) with the day it was issued and the last day its receipt (回执) is due, and again when that receipt is
-- overdue (TransferReceiptOverdue, M1): the member is between two orgs until the MemberTransferred of the same transfer.
ALTER TABLE member
    ADD COLUMN transfer_id             uuid,
    ADD COLUMN transfer_issued_on      date,
    ADD COLUMN transfer_receipt_due_on date;

-- Every opening of a lost-contact case (CaseOpened, reopenings included, at the event's ce_time): the member's losses.
CREATE TABLE case_loss (
    case_id    uuid        NOT NULL,
    member_id  uuid        NOT NULL,
    opened_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, opened_at)
);
CREATE INDEX case_loss_member ON case_loss (member_id);

-- FollowUpMissed (C7): a follow-up visit (回访) after a finding that was not made by its due time.
CREATE TABLE follow_up_missed (
    case_id      uuid        NOT NULL,
    follow_up_no int         NOT NULL,
    due_at       timestamptz NOT NULL,
    member_id    uuid        NOT NULL,
    PRIMARY KEY (case_id, follow_up_no, due_at)
);
CREATE INDEX follow_up_missed_member ON follow_up_missed (member_id, due_at);

-- NotificationFailed to the member themselves (recipient role MEMBER) whose address was refused (INVALID_ADDRESS,
-- REJECTED): a phone number or e-mail that no longer reaches them. Only the channel is kept, never the address.
CREATE TABLE delivery_failure (
    notification_id uuid        PRIMARY KEY,
    member_id       uuid        NOT NULL,
    channel         text        NOT NULL,
    failed_at       timestamptz NOT NULL
);
CREATE INDEX delivery_failure_member ON delivery_failure (member_id, failed_at);
