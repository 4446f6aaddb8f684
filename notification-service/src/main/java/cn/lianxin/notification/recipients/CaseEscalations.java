package cn.lianxin.notification.recipients;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.notification.repository.CaseEscalationRepository;
import cn.lianxin.platform.events.IncomingEvent;

/**
 * Every org a case was escalated to (from CaseEscalated), so that MemberFound and CaseClosed answer each of them
 * (docs/domain.md §5: "the escalation is answered"). Events of one case share the member's key, so they arrive in order.
 */
@ApplicationScoped
public class CaseEscalations {

    private final CaseEscalationRepository repository;

    public CaseEscalations(CaseEscalationRepository repository) {
        this.repository = repository;
    }

    @Transactional(TxType.MANDATORY)
    public void escalated(IncomingEvent event) {
        repository.add(Json.uuid(event.payload(), "caseId"), Json.uuid(event.payload(), "toOrgId"),
                event.payload().path("level").asInt(), event.time());
    }

    /** The orgs the case escalated to, lowest level first. */
    @Transactional(TxType.MANDATORY)
    public List<UUID> targets(UUID caseId) {
        if (caseId == null) {
            return List.of();
        }
        return repository.targets(caseId);
    }
}
