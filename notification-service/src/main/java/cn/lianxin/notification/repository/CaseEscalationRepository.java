package cn.lianxin.notification.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The orgs each case was escalated to (table {@code case_escalation}). */
@ApplicationScoped
public class CaseEscalationRepository {

    private final EntityManager em;

    public CaseEscalationRepository(EntityManager em) {
        this.em = em;
    }

    /** A redelivered escalation to the same org is a no-op. */
    public void add(UUID caseId, UUID orgId, int level, Instant at) {
        em.createNativeQuery("""
                INSERT INTO case_escalation (case_id, org_id, level, escalated_at) VALUES (:case, :org, :level, :at)
                ON CONFLICT (case_id, org_id) DO NOTHING
                """)
                .setParameter("case", caseId)
                .setParameter("org", orgId)
                .setParameter("level", level)
                .setParameter("at", at)
                .executeUpdate();
    }

    /** Lowest level first. */
    public List<UUID> targets(UUID caseId) {
        return em.createNativeQuery("SELECT org_id FROM case_escalation WHERE case_id = :case ORDER BY level, escalated_at")
                .setParameter("case", caseId).getResultList().stream().map(UUID.class::cast).toList();
    }
}
