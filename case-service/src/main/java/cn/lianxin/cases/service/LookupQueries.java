package cn.lianxin.cases.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import cn.lianxin.cases.domain.LookupRequest;
import cn.lianxin.cases.repository.LookupRepository;
import cn.lianxin.cases.repository.MemberRepository;
import cn.lianxin.cases.service.LookupViews.LegalBasisView;
import cn.lianxin.cases.service.LookupViews.LookupView;
import cn.lianxin.cases.service.LookupViews.PendingLookup;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/** Reading lookups (协查): a case's requests and answers, and the requests awaiting approval in a subtree. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class LookupQueries {

    private final CaseAccess access;
    private final CaseQueries caseQueries;
    private final LookupRepository lookups;
    private final MemberRepository members;
    private final OrgScope scope;

    public LookupQueries(CaseAccess access, CaseQueries caseQueries, LookupRepository lookups,
            MemberRepository members, OrgScope scope) {
        this.access = access;
        this.caseQueries = caseQueries;
        this.lookups = lookups;
        this.members = members;
        this.scope = scope;
    }

    /** The lookups of a case the caller may see (404 otherwise), oldest first. */
    public List<LookupView> ofCase(UUID caseId) {
        return lookups.ofCase(access.visibleCase(caseId).id).stream().map(LookupQueries::view).toList();
    }

    /** One lookup of a case the caller may see (404 otherwise). */
    public LookupView get(UUID caseId, UUID lookupId) {
        UUID visible = access.visibleCase(caseId).id;
        return lookups.find(lookupId).filter(l -> l.caseId.equals(visible)).map(LookupQueries::view)
                .orElseThrow(() -> ProblemException.notFound("Lookup", lookupId));
    }

    /**
     * Requests awaiting approval in the subtree of {@code orgId} (the caller's own org when absent), oldest first;
     * those of the caller's own org, which it may not decide on (only an organization above the branch does), are left
     * out.
     */
    public Page<PendingLookup> awaitingApproval(UUID orgId, PageRequest page) {
        String prefix = caseQueries.subtreePrefix(orgId);
        UUID except = scope.isAdmin() ? null : scope.callerOrg().orElse(null);
        Page<LookupRequest> found = lookups.pendingUnder(prefix, except, page);
        Map<UUID, String> names = members.names(found.items().stream().map(l -> l.memberId).distinct().toList());
        return found.map(l -> pending(l, names.get(l.memberId)));
    }

    private static PendingLookup pending(LookupRequest l, String name) {
        return new PendingLookup(l.id, l.caseId, l.memberId, name, l.orgId, l.department,
                new LegalBasisView(l.basis, l.citation), l.asked(), l.note, l.requestedBy, l.requestedAt);
    }

    static LookupView view(LookupRequest l) {
        return new LookupView(l.id, l.caseId, l.episode, l.department, new LegalBasisView(l.basis, l.citation),
                l.asked(), l.note, l.state, l.requestedBy, l.requestedAt, l.decidedBy, l.decidedAt, l.approvingOrgId,
                l.decisionNote, l.sentAt, l.answerDueAt, l.chaseCount, l.lastChasedAt, l.answeredAt, l.found,
                l.finding, l.answerRef, l.attemptId);
    }
}
