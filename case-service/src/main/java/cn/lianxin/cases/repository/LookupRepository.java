package cn.lianxin.cases.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.LookupRequest;
import cn.lianxin.cases.domain.LookupState;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;

/** Lookup requests (协查) of case files and the answers received for them. Who may see them is not its job. */
@ApplicationScoped
public class LookupRepository {

    /** What became of an answer received on lookup.answers (kept in the insert-only lookup_answer_received). */
    public enum AnswerOutcome {
        APPLIED, UNKNOWN_REQUEST, ALREADY_ANSWERED, NOT_SENT, WRONG_DEPARTMENT
    }

    private final EntityManager em;

    public LookupRepository(EntityManager em) {
        this.em = em;
    }

    public void add(LookupRequest request) {
        em.persist(request);
    }

    public Optional<LookupRequest> find(UUID id) {
        return Optional.ofNullable(em.find(LookupRequest.class, id));
    }

    /** The request, locked until the transaction ends: one answer at a time per request. */
    public Optional<LookupRequest> findForUpdate(UUID id) {
        return Optional.ofNullable(em.find(LookupRequest.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
    }

    /** A case's requests, oldest first. */
    public List<LookupRequest> ofCase(UUID caseId) {
        return em.createQuery("from LookupRequest where caseId = ?1 order by requestedAt, id", LookupRequest.class)
                .setParameter(1, caseId).getResultList();
    }

    /**
     * Requests awaiting approval under the org path {@code prefix}, oldest first; those of the branch
     * {@code exceptBranch} (the caller's own org, which may not decide on them) left out when given.
     */
    public Page<LookupRequest> pendingUnder(String prefix, UUID exceptBranch, PageRequest page) {
        String where = "r.state = :state and r.orgPath like :prefix" + (exceptBranch == null ? "" : " and r.orgId <> :except");
        var count = em.createQuery("select count(r) from LookupRequest r where " + where, Long.class);
        var query = em.createQuery("select r from LookupRequest r where " + where + " order by r.requestedAt, r.id",
                LookupRequest.class);
        for (var q : List.<jakarta.persistence.Query>of(count, query)) {
            q.setParameter("state", LookupState.PENDING_APPROVAL).setParameter("prefix", prefix + "%");
            if (exceptBranch != null) {
                q.setParameter("except", exceptBranch);
            }
        }
        List<LookupRequest> items = query.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        return new Page<>(items, page.page, page.size, count.getSingleResult());
    }

    /**
     * Sent requests still unanswered at their deadline as of {@code asOf} whose case's member is still missing in the
     * request's episode (once found or closed, or lost again in a later episode, nobody chases the department), locked
     * for this transaction; rows another instance's scan holds are skipped (it chases them), and once chased their
     * deadline lies a period ahead.
     */
    @SuppressWarnings("unchecked")
    public List<LookupRequest> dueForChase(Instant asOf) {
        return em.createNativeQuery("""
                SELECT r.* FROM lookup_request r JOIN case_file c ON c.id = r.case_id
                WHERE r.state = 'APPROVED' AND r.answer_due_at <= :asOf
                  AND c.state IN (:missing) AND c.episode = r.episode
                ORDER BY r.answer_due_at, r.id
                FOR UPDATE OF r SKIP LOCKED
                """, LookupRequest.class).setParameter("asOf", asOf)
                .setParameter("missing", CaseState.MISSING.stream().map(Enum::name).toList()).getResultList();
    }

    /** Records an answer received on lookup.answers and what became of it (insert-only). */
    public void answerReceived(UUID eventId, UUID requestId, String department, boolean found, Instant answeredAt,
            Instant receivedAt, AnswerOutcome outcome) {
        em.createNativeQuery("""
                INSERT INTO lookup_answer_received (id, event_id, request_id, department, found, answered_at,
                                                    received_at, outcome)
                VALUES (:id, :event, :request, :department, :found, :answeredAt, :receivedAt, :outcome)
                """)
                .setParameter("id", UUID.randomUUID()).setParameter("event", eventId).setParameter("request", requestId)
                .setParameter("department", department).setParameter("found", found)
                .setParameter("answeredAt", answeredAt).setParameter("receivedAt", receivedAt)
                .setParameter("outcome", outcome.name())
                .executeUpdate();
    }
}
