package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * case-service's lost-contact cases as this service needs them (table {@code member_case}): which member has an open
 * case (一人一档), for the campaigns; every opening ({@code case_loss}) and every missed follow-up
 * ({@code follow_up_missed}), for the loss-risk score. Written from CaseOpened / CaseClosed; each write is an idempotent upsert, and a
 * closing seen before its opening (a replay) is kept.
 */
@ApplicationScoped
public class CaseRepository {

    private final EntityManager em;

    public CaseRepository(EntityManager em) {
        this.em = em;
    }

    public void opened(UUID caseId, UUID memberId, Instant openedAt) {
        Sql.of(em, """
                INSERT INTO member_case (case_id, member_id, opened_at) VALUES (:case, :member, :at)
                ON CONFLICT (case_id) DO UPDATE SET opened_at = EXCLUDED.opened_at
                """).set("case", caseId).set("member", memberId).set("at", openedAt).update();
    }

    public void closed(UUID caseId, UUID memberId, Instant closedAt) {
        Sql.of(em, """
                INSERT INTO member_case (case_id, member_id, closed_at) VALUES (:case, :member, :at)
                ON CONFLICT (case_id) DO UPDATE SET closed_at = EXCLUDED.closed_at
                """).set("case", caseId).set("member", memberId).set("at", closedAt).update();
    }

    /** Every opening of a case, reopenings included: the member's losses (a signal of the loss-risk score). */
    public void loss(UUID caseId, UUID memberId, Instant openedAt, Instant verificationDueAt) {
        Sql.of(em, """
                INSERT INTO case_loss (case_id, member_id, opened_at, verification_due_at) VALUES (:case, :member, :at, :due)
                ON CONFLICT (case_id, opened_at) DO UPDATE
                    SET verification_due_at = COALESCE(case_loss.verification_due_at, EXCLUDED.verification_due_at)
                """).set("case", caseId).set("member", memberId).set("at", openedAt).set("due", verificationDueAt)
                .update();
    }

    /** SearchAttemptLogged: when it was logged is what C1 looks at (accountability: first search within the deadline). */
    public void attempt(UUID attemptId, UUID caseId, UUID memberId, Instant at, Instant loggedAt) {
        Sql.of(em, """
                INSERT INTO search_attempt (attempt_id, case_id, member_id, at, logged_at)
                VALUES (:id, :case, :member, :at, :logged) ON CONFLICT (attempt_id) DO NOTHING
                """).set("id", attemptId).set("case", caseId).set("member", memberId).set("at", at)
                .set("logged", loggedAt).update();
    }

    /** MemberFound, whatever found the member: ends C1's deadline for the opening (accountability). */
    public void found(UUID caseId, UUID memberId, Instant foundAt) {
        Sql.of(em, """
                INSERT INTO case_found (case_id, found_at, member_id) VALUES (:case, :at, :member)
                ON CONFLICT DO NOTHING
                """).set("case", caseId).set("at", foundAt).set("member", memberId).update();
    }

    /** FollowUpRecorded (C7), whatever its result: a follow-up done (accountability). */
    public void followUpDone(UUID caseId, UUID memberId, int followUpNo, Instant visitedAt, String result) {
        Sql.of(em, """
                INSERT INTO follow_up_done (case_id, follow_up_no, visited_at, member_id, result)
                VALUES (:case, :no, :at, :member, :result) ON CONFLICT DO NOTHING
                """).set("case", caseId).set("no", followUpNo, Integer.class).set("at", visitedAt)
                .set("member", memberId).set("result", result).update();
    }

    /** FollowUpMissed (C7): a follow-up visit not made by {@code dueAt} (a signal of the loss-risk score). */
    public void followUpMissed(UUID caseId, UUID memberId, int followUpNo, Instant dueAt) {
        Sql.of(em, """
                INSERT INTO follow_up_missed (case_id, follow_up_no, due_at, member_id) VALUES (:case, :no, :due, :member)
                ON CONFLICT DO NOTHING
                """).set("case", caseId).set("no", followUpNo, Integer.class).set("due", dueAt).set("member", memberId)
                .update();
    }
}
