package cn.lianxin.cases.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import cn.lianxin.cases.domain.EscalationLadder;
import cn.lianxin.cases.domain.LossSituation;
import cn.lianxin.cases.messaging.CaseEvents;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.orgs.OrgSnapshot;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * Rule C8 (每月一上报): the month's figures of an org subtree, per direct child and per branch, counted from the
 * case timeline (opened, reopened, found, disposed) and the register projection (members).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReportService {

    /** One org's row in a report. */
    public record OrgFigures(UUID orgId, String name, String type, ReportFigures figures) {
    }

    public record MonthlyReport(UUID orgId, String name, List<UUID> orgPath, String month, Instant asOf,
            ReportFigures figures, List<OrgFigures> children, List<OrgFigures> branches) {
    }

    private final EntityManager em;
    private final OrgProjection orgs;
    private final Outbox outbox;
    private final Clock clock;

    public ReportService(EntityManager em, OrgProjection orgs, Outbox outbox, Clock clock) {
        this.em = em;
        this.orgs = orgs;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The report of a subtree the caller may see (the caller's visibility is checked by the resource). */
    public MonthlyReport monthly(UUID orgId, YearMonth month) {
        OrgSnapshot.View org = orgs.find(orgId).orElseThrow(() -> ProblemException.notFound("Org", orgId));
        Instant start = ShanghaiCalendar.startOfMonth(month);
        Instant end = ShanghaiCalendar.startOfMonth(month.plusMonths(1));
        Instant now = clock.instant();
        Instant asOf = end.isBefore(now) ? end : now;
        Map<String, ReportFigures.Tally> byBranchPath = tallies(org.path(), start, end, asOf);

        List<OrgFigures> children = new ArrayList<>();
        List<OrgFigures> branches = new ArrayList<>();
        for (Object row : em.createNativeQuery("""
                SELECT org_id, name, type, path, parent_id FROM org_projection WHERE path LIKE :prefix ORDER BY path
                """).setParameter("prefix", org.path() + "%").getResultList()) {
            Object[] r = (Object[]) row;
            String path = (String) r[3];
            if (orgId.equals(r[4])) {
                children.add(new OrgFigures((UUID) r[0], (String) r[1], (String) r[2], sum(byBranchPath, path)));
            }
            if ("BRANCH".equals(r[2])) {
                branches.add(new OrgFigures((UUID) r[0], (String) r[1], (String) r[2], sum(byBranchPath, path)));
            }
        }
        branches.sort(Comparator.comparing(OrgFigures::name));
        return new MonthlyReport(orgId, org.name(), EscalationLadder.parse(org.path()), month.toString(), asOf,
                sum(byBranchPath, org.path()), children, branches);
    }

    /** Publishes last month's report of every committee and general branch once (MonthlyReportPublished). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int publishMonth(YearMonth month) {
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery("""
                INSERT INTO monthly_report_published (org_id, month, published_at)
                SELECT org_id, :month, :now FROM org_projection WHERE type <> 'BRANCH'
                ON CONFLICT DO NOTHING
                RETURNING org_id
                """, UUID.class).setParameter("month", month.toString()).setParameter("now", clock.instant())
                .getResultList();
        for (UUID orgId : due) {
            MonthlyReport report = monthly(orgId, month);
            outbox.append(CaseEvents.MONTHLY_REPORT_PUBLISHED, orgId, new MonthlyReportPublished(orgId,
                    report.orgPath(), month.toString(), report.asOf(), report.figures(),
                    report.children().stream().map(c -> new ChildReport(c.orgId(), c.name(), c.type(), c.figures()))
                            .toList(),
                    "/api/v1/reports/monthly?orgId=" + orgId + "&month=" + month));
        }
        return due.size();
    }

    record ChildReport(UUID orgId, String name, String type, ReportFigures figures) {
    }

    record MonthlyReportPublished(UUID orgId, List<UUID> orgPath, String month, Instant asOf, ReportFigures figures,
            List<ChildReport> children, String reportPath) {
    }

    private static ReportFigures sum(Map<String, ReportFigures.Tally> byBranchPath, String prefix) {
        ReportFigures.Tally total = new ReportFigures.Tally();
        byBranchPath.forEach((path, tally) -> {
            if (path.startsWith(prefix)) {
                total.add(tally);
            }
        });
        return total.figures();
    }

    /** Everything counted per branch (keyed by the branch's path), in a few set-based queries. */
    private Map<String, ReportFigures.Tally> tallies(String prefix, Instant start, Instant end, Instant asOf) {
        Map<String, ReportFigures.Tally> tallies = new HashMap<>();
        for (Object row : em.createNativeQuery("""
                SELECT org_path, count(*) FROM member_projection
                WHERE org_path LIKE :prefix AND standing = 'ACTIVE' GROUP BY org_path
                """).setParameter("prefix", prefix + "%").getResultList()) {
            Object[] r = (Object[]) row;
            tally(tallies, r[0]).members = ((Number) r[1]).longValue();
        }
        for (Object row : em.createNativeQuery("""
                SELECT c.org_path,
                       count(*) FILTER (WHERE t.kind IN ('OPENED', 'REOPENED')),
                       count(*) FILTER (WHERE t.kind = 'FOUND'),
                       count(*) FILTER (WHERE t.kind = 'DISPOSED' AND t.disposition = 'REINTEGRATED'),
                       count(*) FILTER (WHERE t.kind = 'DISPOSED' AND t.disposition IN ('CORRECTION', 'PERSUADED_TO_QUIT')),
                       count(*) FILTER (WHERE t.kind = 'DISPOSED' AND t.disposition IN ('SUSPENDED', 'PROBATION_CANCELLED')),
                       count(*) FILTER (WHERE t.kind = 'DISPOSED' AND t.disposition = 'REMOVED'),
                       count(*) FILTER (WHERE t.kind = 'REOPENED'),
                       count(*) FILTER (WHERE t.kind = 'CLOSED' AND c.resolution = 'DECEASED'),
                       count(*) FILTER (WHERE t.kind = 'CLOSED' AND c.resolution = 'WITHDRAWN'),
                       count(*) FILTER (WHERE t.kind = 'CLOSED' AND c.resolution = 'EXPELLED')
                FROM case_timeline t JOIN case_file c ON c.id = t.case_id
                WHERE c.org_path LIKE :prefix AND t.at >= :start AND t.at < :end
                GROUP BY c.org_path
                """).setParameter("prefix", prefix + "%").setParameter("start", start).setParameter("end", end)
                .getResultList()) {
            Object[] r = (Object[]) row;
            ReportFigures.Tally t = tally(tallies, r[0]);
            t.newlyLost = n(r[1]);
            t.found = n(r[2]);
            t.reintegrated = n(r[3]);
            t.disposed = n(r[4]);
            t.suspended = n(r[5]);
            t.removed = n(r[6]);
            t.reLost = n(r[7]);
            t.deceased = n(r[8]);
            t.withdrawn = n(r[9]);
            t.expelled = n(r[10]);
        }
        // lostTotal by situation: the openings of the month plus the cases missing at its start (below).
        for (Object row : em.createNativeQuery("""
                SELECT c.org_path, c.situation, count(*)
                FROM case_timeline t JOIN case_file c ON c.id = t.case_id
                WHERE c.org_path LIKE :prefix AND t.kind IN ('OPENED', 'REOPENED') AND t.at >= :start AND t.at < :end
                GROUP BY c.org_path, c.situation
                """).setParameter("prefix", prefix + "%").setParameter("start", start).setParameter("end", end)
                .getResultList()) {
            Object[] r = (Object[]) row;
            tally(tallies, r[0]).lost(LossSituation.valueOf((String) r[1]), n(r[2]));
        }
        // Missing at an instant: the case's last opening/finding/closing before it was an opening.
        for (Object row : em.createNativeQuery("""
                WITH status AS (
                    SELECT t.case_id, t.kind, t.at,
                           CASE t.kind WHEN 'CLOSED' THEN 3 WHEN 'FOUND' THEN 2 ELSE 1 END AS rank
                    FROM case_timeline t JOIN case_file c ON c.id = t.case_id
                    WHERE c.org_path LIKE :prefix AND t.kind IN ('OPENED', 'REOPENED', 'FOUND', 'CLOSED') AND t.at < :end
                ), at_start AS (
                    SELECT DISTINCT ON (case_id) case_id, kind FROM status WHERE at < :start
                    ORDER BY case_id, at DESC, rank DESC
                ), at_end AS (
                    SELECT DISTINCT ON (case_id) case_id, kind FROM status ORDER BY case_id, at DESC, rank DESC
                ), in_month AS (
                    SELECT case_id, min(at) FILTER (WHERE kind IN ('FOUND', 'CLOSED')) AS ended,
                           bool_or(kind IN ('OPENED', 'REOPENED')) AS started
                    FROM status WHERE at >= :start GROUP BY case_id
                )
                SELECT c.org_path, c.lost_since, coalesce(s.kind IN ('OPENED', 'REOPENED'), false),
                       coalesce(e.kind IN ('OPENED', 'REOPENED'), false), m.ended, c.situation
                FROM case_file c
                LEFT JOIN at_start s ON s.case_id = c.id
                LEFT JOIN at_end e ON e.case_id = c.id
                LEFT JOIN in_month m ON m.case_id = c.id
                WHERE c.org_path LIKE :prefix AND (s.kind IN ('OPENED', 'REOPENED') OR m.started)
                """).setParameter("prefix", prefix + "%").setParameter("start", start).setParameter("end", end)
                .getResultList()) {
            Object[] r = (Object[]) row;
            ReportFigures.Tally t = tally(tallies, r[0]);
            if ((Boolean) r[2]) {
                t.missingAtStart++;
                t.lost(LossSituation.valueOf((String) r[5]), 1);
            }
            if ((Boolean) r[3]) {
                t.stillMissing++;
            }
            Instant lostSince = CaseQueries.instant(r[1]);
            Instant ended = CaseQueries.instant(r[4]);
            Instant until = ended != null && ended.isBefore(asOf) ? ended : asOf;
            t.daysLost.add(Math.max(0, Duration.between(lostSince, until).toDays()));
        }
        return tallies;
    }

    private static ReportFigures.Tally tally(Map<String, ReportFigures.Tally> tallies, Object path) {
        return tallies.computeIfAbsent((String) path, p -> new ReportFigures.Tally());
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
