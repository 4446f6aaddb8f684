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
import cn.lianxin.cases.messaging.MemberProjection;
import cn.lianxin.cases.messaging.MemberProjection.Member;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/** Case files as the caller may see them (their org's subtree), and the small queries the use cases share. */
@ApplicationScoped
public class CaseRepository {

    private final EntityManager em;
    private final OrgScope scope;
    private final MemberProjection members;

    public CaseRepository(EntityManager em, OrgScope scope, MemberProjection members) {
        this.em = em;
        this.scope = scope;
        this.members = members;
    }

    /** Whether an org path lies in the caller's subtree. */
    public boolean visible(String orgPath) {
        return scope.visiblePathPrefix().map(orgPath::startsWith).orElse(false);
    }

    /**
     * The members a liaison-only caller (联络员) acts for: those assigned to them (none without a {@code member}
     * claim); empty for every other caller, who is bound by the subtree only.
     */
    public Optional<List<UUID>> liaisonMembers() {
        if (!scope.isLiaisonOnly()) {
            return Optional.empty();
        }
        return Optional.of(scope.callerMember().map(members::assignedTo).orElse(List.of()));
    }

    /** Whether the caller may act for the member: anyone but a liaison-only caller, who acts for their own members. */
    public boolean mayActFor(UUID memberId) {
        if (!scope.isLiaisonOnly()) {
            return true;
        }
        Optional<UUID> self = scope.callerMember();
        return self.isPresent() && members.find(memberId).map(Member::liaisonMemberId).filter(self.get()::equals)
                .isPresent();
    }

    /**
     * The case, or 404 when it does not exist, lies outside the caller's subtree or, for a liaison, is not about a
     * member assigned to them.
     */
    public CaseFile visibleCase(UUID id) {
        CaseFile file = CaseFile.findById(id);
        if (file == null || !visible(file.orgPath) || !mayActFor(file.memberId)) {
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
