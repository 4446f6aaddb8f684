package cn.lianxin.notification.recipients;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.platform.events.IncomingEvent;

/**
 * Every org a case was escalated to (from CaseEscalated), so that MemberFound and CaseClosed answer each of them
 * (docs/domain.md §5: "the escalation is answered"). Events of one case share the member's key, so they arrive in order.
 */
@ApplicationScoped
public class CaseEscalations {

    private final EntityManager em;

    public CaseEscalations(EntityManager em) {
        this.em = em;
    }

    @Transactional(TxType.MANDATORY)
    public void escalated(IncomingEvent event) {
        em.createNativeQuery("""
                INSERT INTO case_escalation (case_id, org_id, level, escalated_at) VALUES (:case, :org, :level, :at)
                ON CONFLICT (case_id, org_id) DO NOTHING
                """)
                .setParameter("case", Json.uuid(event.payload(), "caseId"))
                .setParameter("org", Json.uuid(event.payload(), "toOrgId"))
                .setParameter("level", event.payload().path("level").asInt())
                .setParameter("at", event.time())
                .executeUpdate();
    }

    /** The orgs the case escalated to, lowest level first. */
    @Transactional(TxType.MANDATORY)
    public List<UUID> targets(UUID caseId) {
        if (caseId == null) {
            return List.of();
        }
        return em.createNativeQuery("SELECT org_id FROM case_escalation WHERE case_id = :case ORDER BY level, escalated_at",
                UUID.class).setParameter("case", caseId).getResultList().stream().map(UUID.class::cast).toList();
    }
}
