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
    public void loss(UUID caseId, UUID memberId, Instant openedAt) {
        Sql.of(em, """
                INSERT INTO case_loss (case_id, member_id, opened_at) VALUES (:case, :member, :at)
                ON CONFLICT DO NOTHING
                """).set("case", caseId).set("member", memberId).set("at", openedAt).update();
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
