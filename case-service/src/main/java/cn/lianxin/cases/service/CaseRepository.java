package cn.lianxin.cases.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.EscalationLadder;
import cn.lianxin.cases.domain.SearchChannel;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/** Case files as the caller may see them (their org's subtree), and the small queries the use cases share. */
@ApplicationScoped
public class CaseRepository {

    private final EntityManager em;
    private final OrgScope scope;

    public CaseRepository(EntityManager em, OrgScope scope) {
        this.em = em;
        this.scope = scope;
    }

    /** Whether an org path lies in the caller's subtree. */
    public boolean visible(String orgPath) {
        return scope.visiblePathPrefix().map(orgPath::startsWith).orElse(false);
    }

    /** The case, or 404 when it does not exist or lies outside the caller's subtree. */
    public CaseFile visibleCase(UUID id) {
        CaseFile file = CaseFile.findById(id);
        if (file == null || !visible(file.orgPath)) {
            throw ProblemException.notFound("Case", id);
        }
        return file;
    }

    public Optional<CaseFile> findUnclosed(UUID memberId) {
        return CaseFile.<CaseFile>find("memberId = ?1 and state <> ?2", memberId, CaseState.CLOSED)
                .firstResultOptional();
    }

    /** Distinct channels tried in the case's current episode, in declaration order. */
    public List<SearchChannel> channelsTried(CaseFile file) {
        return em.createQuery("""
                select distinct a.channel from SearchAttempt a where a.caseId = :id and a.episode = :episode
                """, SearchChannel.class)
                .setParameter("id", file.id).setParameter("episode", file.episode)
                .getResultList().stream().sorted().toList();
    }

    /** Records a proposal at most once per case, episode and action; the id when it is new. */
    public Optional<UUID> propose(CaseFile file, String action, Instant at) {
        UUID id = UUID.randomUUID();
        int inserted = em.createNativeQuery("""
                INSERT INTO standing_proposal (id, case_id, episode, action, proposed_at)
                VALUES (:id, :case, :episode, :action, :at) ON CONFLICT DO NOTHING
                """)
                .setParameter("id", id).setParameter("case", file.id).setParameter("episode", file.episode)
                .setParameter("action", action).setParameter("at", at)
                .executeUpdate();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    /** The branch's superior org, which approves standing changes; null for a root. */
    public UUID parentOf(CaseFile file) {
        return EscalationLadder.next(EscalationLadder.parse(file.orgPath), 0).map(EscalationLadder.Step::toOrgId)
                .orElse(null);
    }
}
