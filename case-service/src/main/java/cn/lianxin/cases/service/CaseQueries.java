package cn.lianxin.cases.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import cn.lianxin.cases.config.CaseRules;
import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Decision;
import cn.lianxin.cases.domain.EscalationLadder;
import cn.lianxin.cases.domain.Member;
import cn.lianxin.cases.domain.SearchAttempt;
import cn.lianxin.cases.domain.SearchChannel;
import cn.lianxin.cases.domain.SuspensionCriteria;
import cn.lianxin.cases.repository.CaseHistory;
import cn.lianxin.cases.repository.CaseRepository;
import cn.lianxin.cases.repository.MemberRepository;
import cn.lianxin.cases.service.CaseCommands.Owner;
import cn.lianxin.cases.service.CaseViews.AttemptView;
import cn.lianxin.cases.service.CaseViews.CaseFileView;
import cn.lianxin.cases.service.CaseViews.CaseSummary;
import cn.lianxin.cases.service.CaseViews.DecisionView;
import cn.lianxin.cases.service.CaseViews.EscalationView;
import cn.lianxin.cases.service.CaseViews.FollowUpView;
import cn.lianxin.cases.service.CaseViews.MemberSummary;
import cn.lianxin.cases.service.CaseViews.NextEscalationView;
import cn.lianxin.cases.service.CaseViews.ProposalView;
import cn.lianxin.cases.service.CaseViews.SuspensionCheckView;
import cn.lianxin.cases.service.CaseViews.TimelineView;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.api.Versioned;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.orgs.OrgSnapshot;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/** Reading case files: the whole file (一人一档), subtree lists, a member's cases. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CaseQueries {

    private final CaseAccess access;
    private final CaseRepository cases;
    private final CaseHistory history;
    private final MemberRepository members;
    private final OrgProjection orgs;
    private final OrgScope scope;
    private final CaseRules rules;
    private final Clock clock;

    public CaseQueries(CaseAccess access, CaseRepository cases, CaseHistory history, MemberRepository members,
            OrgProjection orgs, OrgScope scope, CaseRules rules, Clock clock) {
        this.access = access;
        this.cases = cases;
        this.history = history;
        this.members = members;
        this.orgs = orgs;
        this.scope = scope;
        this.rules = rules;
        this.clock = clock;
    }

    public CaseFileView get(UUID id) {
        return view(access.visibleCase(id));
    }

    /** The case file and its version: its ETag, which a PATCH must send back in If-Match. */
    public Versioned<CaseFileView> versioned(UUID id) {
        CaseFile file = access.visibleCase(id);
        return new Versioned<>(view(file), file.version);
    }

    /** One search attempt of a case the caller may see (404 otherwise), as the case file shows it. */
    public AttemptView attempt(UUID caseId, UUID attemptId) {
        return get(caseId).attempts().stream().filter(a -> a.id().equals(attemptId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Search attempt", attemptId));
    }

    /** One decision of a case the caller may see (404 otherwise), as the case file shows it. */
    public DecisionView decision(UUID caseId, UUID decisionId) {
        return get(caseId).decisions().stream().filter(d -> d.id().equals(decisionId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Decision", decisionId));
    }

    /** One follow-up (回访) of a case the caller may see, by episode and number in its plan (404 otherwise). */
    public FollowUpView followUp(UUID caseId, int episode, int no) {
        return get(caseId).followUps().stream().filter(u -> u.episode() == episode && u.no() == no).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Follow-up", episode + "/" + no));
    }

    /**
     * Cases in the subtree of {@code orgId} (the caller's own org when absent), newest first; {@code incomplete}
     * keeps the open cases whose situation is still UNKNOWN (to be completed); {@code memberId} one member's. A
     * liaison sees their members' only (asking for another member answers 404).
     */
    public Page<CaseSummary> list(UUID orgId, UUID memberId, CaseState status, boolean incomplete,
            PageRequest page) {
        String prefix = subtreePrefix(orgId);
        if (memberId != null && !access.mayActFor(memberId)) {
            throw ProblemException.notFound("Member", memberId);
        }
        Optional<List<UUID>> assigned = access.liaisonMembers();
        if (assigned.isPresent() && assigned.get().isEmpty()) {
            return new Page<>(List.of(), page.page, page.size, 0);
        }
        return cases.list(prefix, memberId, status, incomplete, assigned, page).map(this::summary);
    }

    public List<CaseSummary> ofMember(UUID memberId) {
        if (!access.mayActFor(memberId)) {
            throw ProblemException.notFound("Member", memberId);
        }
        List<CaseFile> files = cases.ofMember(memberId).stream()
                .filter(f -> access.visible(f.orgPath)).toList();
        boolean knownMember = members.find(memberId).filter(m -> access.visible(m.orgPath())).isPresent();
        if (files.isEmpty() && !knownMember) {
            throw ProblemException.notFound("Member", memberId);
        }
        return files.stream().map(this::summary).toList();
    }

    /** The path prefix of a visible org, or 404. */
    public String subtreePrefix(UUID orgId) {
        if (orgId == null) {
            return scope.visiblePathPrefix().orElseThrow(() -> ProblemException.invalidField("orgId",
                    "your organization is not known here yet; name an org"));
        }
        return orgs.pathOf(orgId).filter(access::visible).orElseThrow(() -> ProblemException.notFound("Org", orgId));
    }

    private CaseSummary summary(CaseFile f) {
        Instant now = clock.instant();
        String name = members.find(f.memberId).map(Member::name).orElse(null);
        return new CaseSummary(f.id, f.memberId, name, f.orgId, f.state, f.situation, f.incomplete(), f.lostSince,
                f.daysLost(now),
                f.escalationLevel, f.attemptCount, f.openedAt, f.foundAt, f.reLossCount);
    }

    private CaseFileView view(CaseFile f) {
        Instant now = clock.instant();
        MemberSummary member = members.find(f.memberId)
                .map(m -> new MemberSummary(m.memberId(), m.name(), m.category(), m.standing(), m.orgId(),
                        orgs.find(m.orgId()).map(OrgSnapshot.View::name).orElse(null)))
                .orElse(new MemberSummary(f.memberId, null, null, null, f.orgId, null));
        List<SearchAttempt> attempts = history.attempts(f.id);
        List<SearchChannel> tried = cases.channelsTried(f);
        SuspensionCheckView suspension = null;
        if (f.state == CaseState.OPEN || f.state == CaseState.SUSPENSION_PROPOSED) {
            SuspensionCriteria c4 = SuspensionCriteria.evaluate(f.lostSince, now, tried, rules.suspensionAfter(),
                    rules.suspensionMinChannels());
            suspension = new SuspensionCheckView(c4.dueAt(), c4.met(), tried, c4.fieldVisitDone(), c4.missing());
        }
        return new CaseFileView(f.id, member, f.state, f.trigger, f.situation, f.incomplete(), f.cause,
                f.ownerName == null ? null : new Owner(f.ownerName, f.ownerMemberId), f.note, f.lostSince,
                f.daysLost(now), f.openedAt, f.openedBy, f.verificationDueAt, f.episode, f.reLossCount,
                f.escalationLevel, f.responsibleOrgId, nextEscalation(f), f.lastAttemptAt, f.attemptCount, f.foundAt,
                f.foundBy, f.foundHow, f.suspendedAt, f.disposition, f.closedAt, f.resolution, suspension,
                attempts.stream().map(a -> new AttemptView(a.id, a.episode, a.at, a.channel, a.actor, a.result, a.note,
                        a.recordedBy, a.recordedAt)).toList(),
                escalations(f.id), proposals(f.id),
                history.decisions(f.id).stream().map(CaseQueries::decision)
                        .toList(),
                history.followUps(f.id).stream()
                        .map(u -> new FollowUpView(u.episode, u.no, u.cadence, u.dueAt, u.doneAt, u.result, u.note,
                                u.recordedBy, u.missedNotifiedAt != null))
                        .toList(),
                history.timeline(f.id).stream()
                        .map(t -> new TimelineView(t.at, t.actor, t.kind.name(), t.disposition, t.detail)).toList());
    }

    private NextEscalationView nextEscalation(CaseFile f) {
        if (f.escalationDueAt == null) {
            return null;
        }
        return EscalationLadder.next(EscalationLadder.parse(f.orgPath), f.escalationLevel)
                .map(step -> new NextEscalationView(step.level(), step.toOrgId(), f.escalationDueAt, step.atRoot()))
                .orElse(null);
    }

    private List<EscalationView> escalations(UUID caseId) {
        return cases.escalations(caseId).stream().map(e -> new EscalationView(e.episode(), e.level(), e.fromOrgId(),
                e.toOrgId(), e.reason(), e.dueAt(), e.asOf())).toList();
    }

    private List<ProposalView> proposals(UUID caseId) {
        return cases.proposals(caseId).stream()
                .map(p -> new ProposalView(p.id(), p.episode(), p.action(), p.proposedAt())).toList();
    }

    private static DecisionView decision(Decision d) {
        return new DecisionView(d.id, d.type, d.decidedAt, d.decidedBy, d.body, d.meetingDate, d.eligible, d.present,
                d.votesFor, d.votesAgainst, d.abstentions, d.talk, d.approvalRef, d.correctionMonths,
                d.correctionUntil, d.readmissionBarUntil, d.reintegration, d.note);
    }
}
