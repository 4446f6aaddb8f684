package cn.lianxin.tracking.service;

import static cn.lianxin.tracking.repository.Sql.instant;
import static cn.lianxin.tracking.repository.Sql.number;
import static cn.lianxin.tracking.repository.Sql.uuid;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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
import cn.lianxin.tracking.domain.Deadlines;
import cn.lianxin.tracking.domain.PlannedClock;
import cn.lianxin.tracking.repository.ClockRepository;
import cn.lianxin.tracking.repository.ContactRepository;
import cn.lianxin.tracking.repository.MemberRecord;
import cn.lianxin.tracking.repository.Sql;
import cn.lianxin.tracking.rest.StatusDtos.ClockStatus;
import cn.lianxin.tracking.rest.StatusDtos.ClockView;
import cn.lianxin.tracking.rest.StatusDtos.Compliance;
import cn.lianxin.tracking.rest.StatusDtos.ComplianceFigures;
import cn.lianxin.tracking.rest.StatusDtos.ContactState;
import cn.lianxin.tracking.rest.StatusDtos.ContactStatus;
import cn.lianxin.tracking.rest.StatusDtos.WorkItem;

/** Read models over the clocks: one member's status and timeline, the overdue work list, compliance figures. */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class StatusService {

    /** A member's state as SQL, from their clock rows {@code c} and member row {@code m} (see ContactState). */
    private static final String STATE_OF_MEMBER = """
            CASE WHEN m.standing <> 'ACTIVE' OR NOT m.in_register THEN 'EXEMPT'
                 WHEN bool_or(c.rule = 'LOST' AND c.due_at <= :asOf) THEN 'LOST_SUSPECTED'
                 WHEN bool_or(c.rule = 'UNCONTROLLED' AND c.due_at <= :asOf) THEN 'UNCONTROLLED'
                 WHEN bool_or(c.rule IN ('QUARTERLY', 'LIAISON_MONTHLY') AND c.grace_until <= :asOf) THEN 'OVERDUE'
                 WHEN bool_or(c.rule IN ('QUARTERLY', 'LIAISON_MONTHLY') AND c.due_at <= :asOf) THEN 'DUE'
                 WHEN bool_or(c.rule IN ('ORG_LIFE_ABSENCE', 'DUES_ABSENCE') AND c.due_at <= :asOf)
                      THEN 'SELF_WITHDRAWAL_SUSPECTED'
                 ELSE 'IN_CONTACT' END""";

    /** The states the work list can be filtered by. */
    public static final String WORKLIST_STATES =
            "must be one of DUE, OVERDUE, UNCONTROLLED, LOST_SUSPECTED, SELF_WITHDRAWAL_SUSPECTED";

    private final EntityManager em;
    private final ClockRepository clocks;
    private final MemberAccess access;
    private final OrgScope scope;
    private final OrgProjection orgs;
    private final ContactRepository contacts;
    private final ClockPlanner planner;
    private final Clock clock;

    public StatusService(EntityManager em, ClockRepository clocks, MemberAccess access, OrgScope scope,
            OrgProjection orgs, ContactRepository contacts, TrackingConfig config, Clock clock) {
        this.em = em;
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

    static ContactState stateOf(MemberRecord member, List<ClockView> timeline) {
        if (member.exempt()) {
            return ContactState.EXEMPT;
        }
        if (reached(timeline, ClockRule.LOST)) {
            return ContactState.LOST_SUSPECTED;
        }
        if (reached(timeline, ClockRule.UNCONTROLLED)) {
            return ContactState.UNCONTROLLED;
        }
        List<ClockView> obligations = timeline.stream()
                .filter(c -> c.rule() == ClockRule.QUARTERLY || c.rule() == ClockRule.LIAISON_MONTHLY).toList();
        if (obligations.stream().anyMatch(c -> c.status() == ClockStatus.OVERDUE)) {
            return ContactState.OVERDUE;
        }
        if (obligations.stream().anyMatch(c -> c.status() == ClockStatus.DUE)) {
            return ContactState.DUE;
        }
        if (reached(timeline, ClockRule.ORG_LIFE_ABSENCE) || reached(timeline, ClockRule.DUES_ABSENCE)) {
            return ContactState.SELF_WITHDRAWAL_SUSPECTED; // R1: reachable (T5 not due), but absent
        }
        return ContactState.IN_CONTACT;
    }

    private static boolean reached(List<ClockView> timeline, ClockRule rule) {
        return timeline.stream().anyMatch(c -> c.rule() == rule && c.status() != ClockStatus.RUNNING);
    }

    private static ClockView view(ClockRule rule, Instant startedAt, Instant dueAt, Instant graceUntil, Instant asOf) {
        ClockStatus status = asOf.isBefore(dueAt) ? ClockStatus.RUNNING
                : graceUntil != null && !asOf.isBefore(graceUntil) ? ClockStatus.OVERDUE : ClockStatus.DUE;
        return new ClockView(rule, startedAt, dueAt, graceUntil, status, Deadlines.daysOverdue(dueAt, asOf));
    }

    /**
     * Who to contact now, most urgent first: lost, uncontrolled, past grace, due, then the reachable members absent
     * from org life or dues (T6, R1: to talk to, not to search for); longest overdue first. A liaison gets their own
     * list only.
     */
    public Page<WorkItem> overdue(Instant asOf, UUID orgId, UUID liaisonId, ContactState state, PageRequest page) {
        String prefix = orgId == null ? access.visiblePrefix() : pathOf(orgId);
        String from = """
                FROM (SELECT DISTINCT ON (c.member_id) c.member_id, m.org_id, c.rule, c.due_at, m.last_reached_at,
                             m.liaison ->> 'name' AS liaison_name, m.liaison ->> 'phone' AS liaison_phone,
                             CASE WHEN c.rule = 'LOST' THEN 1 WHEN c.rule = 'UNCONTROLLED' THEN 2
                                  WHEN c.rule IN ('ORG_LIFE_ABSENCE', 'DUES_ABSENCE') THEN 5
                                  WHEN c.grace_until <= :asOf THEN 3 ELSE 4 END AS urgency
                      FROM clock c JOIN member m ON m.member_id = c.member_id
                      WHERE c.rule IN ('LOST', 'UNCONTROLLED', 'QUARTERLY', 'LIAISON_MONTHLY', 'ORG_LIFE_ABSENCE',
                                       'DUES_ABSENCE') AND c.due_at <= :asOf
                        AND m.org_path LIKE :prefix AND (CAST(:liaison AS text) IS NULL OR m.liaison ->> 'memberId' = :liaison)
                      ORDER BY c.member_id, urgency, c.due_at, c.rule) w
                WHERE (CAST(:urgency AS int) IS NULL OR w.urgency = :urgency)
                """;
        Integer urgency = state == null ? null : switch (state) {
            case LOST_SUSPECTED -> 1;
            case UNCONTROLLED -> 2;
            case OVERDUE -> 3;
            case DUE -> 4;
            case SELF_WITHDRAWAL_SUSPECTED -> 5;
            default -> throw ProblemException.invalidField("state", WORKLIST_STATES);
        };
        String liaison = access.liaisonFilter(liaisonId);
        List<WorkItem> items = Sql.of(em, "SELECT w.member_id, w.org_id, w.urgency, w.rule, w.due_at, w.last_reached_at,"
                + " w.liaison_name, w.liaison_phone " + from + " ORDER BY w.urgency, w.due_at, w.member_id LIMIT :limit OFFSET :offset")
                .set("asOf", asOf).set("prefix", prefix + "%").set("liaison", liaison).set("urgency", urgency, Integer.class)
                .set("limit", page.size, Integer.class).set("offset", page.offset(), Integer.class)
                .rows().stream()
                .map(r -> {
                    ContactState itemState = stateOfUrgency(((Number) r[2]).intValue());
                    return new WorkItem(uuid(r[0]), uuid(r[1]), itemState, ClockRule.valueOf((String) r[3]),
                            itemState.advice(),
                            instant(r[4]), Deadlines.daysOverdue(instant(r[4]), asOf), instant(r[5]), (String) r[6],
                            (String) r[7]);
                })
                .toList();
        long total = number(Sql.of(em, "SELECT count(*) " + from).set("asOf", asOf).set("prefix", prefix + "%")
                .set("liaison", liaison).set("urgency", urgency, Integer.class).single());
        return new Page<>(items, page.page, page.size, total);
    }

    private static ContactState stateOfUrgency(int urgency) {
        return switch (urgency) {
            case 1 -> ContactState.LOST_SUSPECTED;
            case 2 -> ContactState.UNCONTROLLED;
            case 3 -> ContactState.OVERDUE;
            case 4 -> ContactState.DUE;
            default -> ContactState.SELF_WITHDRAWAL_SUSPECTED;
        };
    }

    /** Figures for the org's subtree and for each direct child's subtree. */
    public Compliance compliance(UUID orgId, Instant asOf) {
        pathOf(orgId);
        List<ComplianceFigures> figures = new ArrayList<>();
        List<Object[]> rows = Sql.of(em, """
                WITH status AS (
                    SELECT m.member_id, m.org_path, %s AS state
                    FROM member m LEFT JOIN clock c ON c.member_id = m.member_id
                    WHERE m.org_path LIKE (SELECT path FROM org_projection WHERE org_id = :org) || '%%'
                    GROUP BY m.member_id, m.org_path, m.standing, m.in_register
                ), groups AS (
                    SELECT org_id, name, path, org_id = :org AS whole FROM org_projection
                    WHERE org_id = :org OR parent_id = :org
                )
                SELECT g.org_id, g.name, g.whole,
                       count(s.member_id) FILTER (WHERE s.state <> 'EXEMPT'),
                       count(s.member_id) FILTER (WHERE s.state = 'IN_CONTACT'),
                       count(s.member_id) FILTER (WHERE s.state = 'DUE'),
                       count(s.member_id) FILTER (WHERE s.state = 'OVERDUE'),
                       count(s.member_id) FILTER (WHERE s.state = 'UNCONTROLLED'),
                       count(s.member_id) FILTER (WHERE s.state = 'LOST_SUSPECTED'),
                       count(s.member_id) FILTER (WHERE s.state = 'EXEMPT'),
                       count(s.member_id) FILTER (WHERE s.state = 'SELF_WITHDRAWAL_SUSPECTED')
                FROM groups g LEFT JOIN status s ON s.org_path LIKE g.path || '%%'
                GROUP BY g.org_id, g.name, g.whole
                ORDER BY g.whole DESC, g.name
                """.formatted(STATE_OF_MEMBER)).set("org", orgId).set("asOf", asOf).rows();
        ComplianceFigures subtree = null;
        for (Object[] r : rows) {
            long members = number(r[3]);
            long lost = number(r[8]);
            long uncontrolled = number(r[7]);
            // 联系率: the share of (non-exempt) members the organization is in touch with, i.e. neither lost nor 失控.
            double rate = members == 0 ? 1.0 : Math.round((members - lost - uncontrolled) * 10000.0 / members) / 10000.0;
            ComplianceFigures f = new ComplianceFigures(uuid(r[0]), (String) r[1], members, number(r[4]), number(r[5]),
                    number(r[6]), uncontrolled, lost, number(r[10]), number(r[9]), rate);
            if ((Boolean) r[2]) {
                subtree = f;
            } else {
                figures.add(f);
            }
        }
        return new Compliance(asOf, subtree, figures);
    }

    /** The path of a visible org (404 outside the caller's subtree or unknown here). */
    private String pathOf(UUID orgId) {
        scope.requireVisible(orgId, "org", orgId);
        return orgs.pathOf(orgId).orElseThrow(() -> ProblemException.notFound("org", orgId));
    }
}
