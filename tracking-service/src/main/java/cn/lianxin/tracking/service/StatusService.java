package cn.lianxin.tracking.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.ClockPlanner;
import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.domain.ClockStatus;
import cn.lianxin.tracking.domain.ContactState;
import cn.lianxin.tracking.domain.Deadlines;
import cn.lianxin.tracking.domain.PlannedClock;
import cn.lianxin.tracking.repository.ClockRepository;
import cn.lianxin.tracking.repository.ContactRepository;
import cn.lianxin.tracking.repository.MemberRecord;
import cn.lianxin.tracking.repository.StatusQueries;
import cn.lianxin.tracking.repository.StatusQueries.StateCounts;
import cn.lianxin.tracking.repository.StatusQueries.WorkListScope;
import cn.lianxin.tracking.service.StatusViews.ClockView;
import cn.lianxin.tracking.service.StatusViews.Compliance;
import cn.lianxin.tracking.service.StatusViews.ComplianceFigures;
import cn.lianxin.tracking.service.StatusViews.ContactStatus;
import cn.lianxin.tracking.service.StatusViews.WorkItem;

/** Read models over the clocks: one member's status and timeline, the overdue work list, compliance figures. */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class StatusService {

    /** The states the work list can be filtered by. */
    public static final String WORKLIST_STATES =
            "must be one of DUE, OVERDUE, UNCONTROLLED, LOST_SUSPECTED, SELF_WITHDRAWAL_SUSPECTED";

    private final StatusQueries queries;
    private final ClockRepository clocks;
    private final MemberAccess access;
    private final OrgScope scope;
    private final OrgProjection orgs;
    private final ContactRepository contacts;
    private final ClockPlanner planner;
    private final Clock clock;

    public StatusService(StatusQueries queries, ClockRepository clocks, MemberAccess access, OrgScope scope,
            OrgProjection orgs, ContactRepository contacts, TrackingConfig config, Clock clock) {
        this.queries = queries;
        this.contacts = contacts;
        this.planner = new ClockPlanner(config.periods());
        this.clock = clock;
        this.clocks = clocks;
        this.access = access;
        this.scope = scope;
        this.orgs = orgs;
    }

    /**
     * Now or later: the stored clocks, those the scans act on. A past instant: the clocks as they ran then,
     * re-planned from the contact log up to {@code asOf} (contacts recorded for later moments do not count yet).
     */
    public ContactStatus status(UUID memberId, Instant asOf) {
        MemberRecord member = access.require(memberId);
        List<ClockView> timeline;
        if (asOf.isBefore(clock.instant())) {
            member = member.asOf(asOf, contacts.lastContactsAsOf(memberId, asOf));
            timeline = planner.plan(member.clockState()).stream()
                    .sorted(Comparator.comparing(PlannedClock::dueAt).thenComparing(c -> c.rule().name()))
                    .map(c -> view(c.rule(), c.startedAt(), c.dueAt(), c.graceUntil(), asOf)).toList();
        } else {
            timeline = clocks.clocksOf(memberId).stream()
                    .map(c -> view(c.rule(), c.startedAt(), c.dueAt(), c.graceUntil(), asOf)).toList();
        }
        return new ContactStatus(memberId, member.orgId(), asOf, stateOf(member, timeline), member.outflowId() != null,
                member.lastReachedAt(), member.lastOrgLifeAt(), member.lastDuesAt(), member.lastAttemptAt(), timeline);
    }

    private static ContactState stateOf(MemberRecord member, List<ClockView> timeline) {
        return ContactState.of(member.exempt(),
                timeline.stream().map(c -> new ContactState.ClockAt(c.rule(), c.status())).toList());
    }

    private static ClockView view(ClockRule rule, Instant startedAt, Instant dueAt, Instant graceUntil, Instant asOf) {
        return new ClockView(rule, startedAt, dueAt, graceUntil, ClockStatus.of(dueAt, graceUntil, asOf),
                Deadlines.daysOverdue(dueAt, asOf));
    }

    /**
     * Who to contact now, most urgent first: lost, uncontrolled, past grace, due, then the reachable members absent
     * from org life or dues (T6, R1: to talk to, not to search for); longest overdue first. A liaison gets their own
     * list only.
     */
    public Page<WorkItem> overdue(Instant asOf, UUID orgId, UUID liaisonId, ContactState state, PageRequest page) {
        String prefix = orgId == null ? access.visiblePrefix() : pathOf(orgId);
        if (state != null && !state.onWorkList()) {
            throw ProblemException.invalidField("state", WORKLIST_STATES);
        }
        WorkListScope scope = new WorkListScope(asOf, prefix, access.liaisonFilter(liaisonId), state);
        List<WorkItem> items = queries.workList(scope, page.size, page.offset()).stream()
                .map(row -> new WorkItem(row.memberId(), row.orgId(), row.state(), row.rule(), row.state().advice(),
                        row.dueAt(), Deadlines.daysOverdue(row.dueAt(), asOf), row.lastReachedAt(), row.liaisonName(),
                        row.liaisonPhone()))
                .toList();
        return new Page<>(items, page.page, page.size, queries.workListSize(scope));
    }

    /** Figures for the org's subtree and for each direct child's subtree. */
    public Compliance compliance(UUID orgId, Instant asOf) {
        pathOf(orgId);
        ComplianceFigures subtree = null;
        List<ComplianceFigures> children = new ArrayList<>();
        for (StateCounts counts : queries.stateCounts(orgId, asOf)) {
            ComplianceFigures figures = figures(counts);
            if (counts.whole()) {
                subtree = figures;
            } else {
                children.add(figures);
            }
        }
        return new Compliance(asOf, subtree, children);
    }

    private static ComplianceFigures figures(StateCounts c) {
        // 联系率: the share of (non-exempt) members the organization is in touch with, i.e. neither lost nor 失控.
        double rate = c.members() == 0 ? 1.0
                : Math.round((c.members() - c.lost() - c.uncontrolled()) * 10000.0 / c.members()) / 10000.0;
        return new ComplianceFigures(c.orgId(), c.name(), c.members(), c.inContact(), c.due(), c.overdue(),
                c.uncontrolled(), c.lost(), c.selfWithdrawal(), c.exempt(), rate);
    }

    /** The path of a visible org (404 outside the caller's subtree or unknown here). */
    private String pathOf(UUID orgId) {
        scope.requireVisible(orgId, "org", orgId);
        return orgs.pathOf(orgId).orElseThrow(() -> ProblemException.notFound("org", orgId));
    }
}
