package cn.lianxin.cases.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import cn.lianxin.cases.config.CaseRules;
import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Decision;
import cn.lianxin.cases.domain.EscalationLadder;
import cn.lianxin.cases.domain.FollowUp;
import cn.lianxin.cases.domain.LossSituation;
import cn.lianxin.cases.domain.SearchAttempt;
import cn.lianxin.cases.domain.SearchChannel;
import cn.lianxin.cases.domain.SuspensionCriteria;
import cn.lianxin.cases.domain.TimelineEntry;
import cn.lianxin.cases.messaging.MemberProjection;
import cn.lianxin.cases.rest.CaseDtos.AttemptView;
import cn.lianxin.cases.rest.CaseDtos.CaseFileView;
import cn.lianxin.cases.rest.CaseDtos.CaseSummary;
import cn.lianxin.cases.rest.CaseDtos.DecisionView;
import cn.lianxin.cases.rest.CaseDtos.EscalationView;
import cn.lianxin.cases.rest.CaseDtos.FollowUpView;
import cn.lianxin.cases.rest.CaseDtos.MemberSummary;
import cn.lianxin.cases.rest.CaseDtos.NextEscalationView;
import cn.lianxin.cases.rest.CaseDtos.Owner;
import cn.lianxin.cases.rest.CaseDtos.ProposalView;
import cn.lianxin.cases.rest.CaseDtos.SuspensionCheckView;
import cn.lianxin.cases.rest.CaseDtos.TimelineView;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.orgs.OrgSnapshot;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/** Reading case files: the whole file (一人一档), subtree lists, a member's cases. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CaseQueries {

    private final EntityManager em;
    private final CaseRepository cases;
    private final MemberProjection members;
    private final OrgProjection orgs;
    private final OrgScope scope;
    private final CaseRules rules;
    private final Clock clock;

    public CaseQueries(EntityManager em, CaseRepository cases, MemberProjection members, OrgProjection orgs,
            OrgScope scope, CaseRules rules, Clock clock) {
        this.em = em;
        this.cases = cases;
        this.members = members;
        this.orgs = orgs;
        this.scope = scope;
        this.rules = rules;
        this.clock = clock;
    }

    public CaseFileView get(UUID id) {
        return view(cases.visibleCase(id));
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
        if (memberId != null && !cases.mayActFor(memberId)) {
            throw ProblemException.notFound("Member", memberId);
        }
        Optional<List<UUID>> assigned = cases.liaisonMembers();
        if (assigned.isPresent() && assigned.get().isEmpty()) {
            return new Page<>(List.of(), page.page, page.size, 0);
        }
        String where = "c.orgPath like :prefix" + (status == null ? "" : " and c.state = :state")
                + (memberId == null ? "" : " and c.memberId = :member")
                + (incomplete ? " and c.situation = :unknown and c.state <> :closed" : "")
                + (assigned.isPresent() ? " and c.memberId in :assigned" : "");
        var count = em.createQuery("select count(c) from CaseFile c where " + where, Long.class);
        var query = em.createQuery("select c from CaseFile c where " + where + " order by c.openedAt desc, c.id",
                CaseFile.class);
        for (var q : List.<Query>of(count, query)) {
            q.setParameter("prefix", prefix + "%");
            if (status != null) {
                q.setParameter("state", status);
            }
            if (memberId != null) {
                q.setParameter("member", memberId);
            }
            if (incomplete) {
                q.setParameter("unknown", LossSituation.UNKNOWN).setParameter("closed", CaseState.CLOSED);
            }
            assigned.ifPresent(ids -> q.setParameter("assigned", ids));
        }
        List<CaseSummary> items = query.setFirstResult(page.offset()).setMaxResults(page.size).getResultList()
                .stream().map(this::summary).toList();
        return new Page<>(items, page.page, page.size, count.getSingleResult());
    }

    public List<CaseSummary> ofMember(UUID memberId) {
        if (!cases.mayActFor(memberId)) {
            throw ProblemException.notFound("Member", memberId);
        }
        List<CaseFile> files = CaseFile.<CaseFile>list("memberId = ?1 order by openedAt desc", memberId).stream()
                .filter(f -> cases.visible(f.orgPath)).toList();
        boolean knownMember = members.find(memberId).filter(m -> cases.visible(m.orgPath())).isPresent();
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
        return orgs.pathOf(orgId).filter(cases::visible).orElseThrow(() -> ProblemException.notFound("Org", orgId));
    }

    private CaseSummary summary(CaseFile f) {
        Instant now = clock.instant();
        String name = members.find(f.memberId).map(MemberProjection.Member::name).orElse(null);
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
        List<SearchAttempt> attempts = SearchAttempt.list("caseId = ?1 order by at, recordedAt", f.id);
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
                Decision.<Decision>list("caseId = ?1 order by decidedAt", f.id).stream().map(CaseQueries::decision)
                        .toList(),
                FollowUp.<FollowUp>list("caseId = ?1 order by episode, no", f.id).stream()
                        .map(u -> new FollowUpView(u.episode, u.no, u.cadence, u.dueAt, u.doneAt, u.result, u.note,
                                u.recordedBy, u.missedNotifiedAt != null))
                        .toList(),
                TimelineEntry.<TimelineEntry>list("caseId = ?1 order by at, id", f.id).stream()
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
        List<EscalationView> views = new ArrayList<>();
        for (Object row : em.createNativeQuery("""
                SELECT episode, level, from_org_id, to_org_id, reason, due_at, as_of FROM case_escalation
                WHERE case_id = :id ORDER BY episode, level
                """).setParameter("id", caseId).getResultList()) {
            Object[] r = (Object[]) row;
            views.add(new EscalationView((Integer) r[0], (Integer) r[1], (UUID) r[2], (UUID) r[3], (String) r[4],
                    instant(r[5]), instant(r[6])));
        }
        return views;
    }

    private List<ProposalView> proposals(UUID caseId) {
        List<ProposalView> views = new ArrayList<>();
        for (Object row : em.createNativeQuery("""
                SELECT id, episode, action, proposed_at FROM standing_proposal WHERE case_id = :id
                ORDER BY proposed_at, action
                """).setParameter("id", caseId).getResultList()) {
            Object[] r = (Object[]) row;
            views.add(new ProposalView((UUID) r[0], (Integer) r[1], (String) r[2], instant(r[3])));
        }
        return views;
    }

    private static DecisionView decision(Decision d) {
        return new DecisionView(d.id, d.type, d.decidedAt, d.decidedBy, d.body, d.meetingDate, d.eligible, d.present,
                d.votesFor, d.votesAgainst, d.abstentions, d.talk, d.approvalRef, d.correctionMonths,
                d.correctionUntil, d.readmissionBarUntil, d.reintegration, d.note);
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value == null) {
            return null;
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }
}
