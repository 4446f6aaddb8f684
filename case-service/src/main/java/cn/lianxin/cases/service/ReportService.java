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
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.cases.domain.EscalationLadder;
import cn.lianxin.cases.repository.AccountabilityRepository;
import cn.lianxin.cases.repository.ReportRepository;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.orgs.OrgSnapshot;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * Rule C8 (每月一上报): the month's figures of an org subtree, per direct child and per branch, counted from the
 * case timeline (opened, reopened, found, disposed) and the register projection (members); beside each branch, its
 * accountability figures of the month (目标责任考核) once tracking-service has reported them (AccountabilityReported).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReportService {

    /**
     * One org's row in a report; {@code accountability}: a branch's figures of the month as tracking-service reported
     * them, null until they have arrived and for an org that is not a branch.
     */
    public record OrgFigures(UUID orgId, String name, String type, ReportFigures figures,
            AccountabilityFigures accountability) {
    }

    public record MonthlyReport(UUID orgId, String name, List<UUID> orgPath, String month, Instant asOf,
            ReportFigures figures, List<OrgFigures> children, List<OrgFigures> branches) {
    }

    private final ReportRepository counts;
    private final AccountabilityRepository accountability;
    private final ObjectMapper mapper;
    private final OrgProjection orgs;
    private final Outbox outbox;
    private final Clock clock;

    public ReportService(ReportRepository counts, AccountabilityRepository accountability, ObjectMapper mapper,
            OrgProjection orgs, Outbox outbox, Clock clock) {
        this.counts = counts;
        this.accountability = accountability;
        this.mapper = mapper;
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
        Map<UUID, String> reported = accountability.ofMonth(org.path(), month);

        List<OrgFigures> children = new ArrayList<>();
        List<OrgFigures> branches = new ArrayList<>();
        for (ReportRepository.Org child : counts.orgsUnder(org.path())) {
            if (orgId.equals(child.parentId())) {
                children.add(new OrgFigures(child.orgId(), child.name(), child.type(), sum(byBranchPath, child.path()),
                        figures(reported.get(child.orgId()))));
            }
            if ("BRANCH".equals(child.type())) {
                branches.add(new OrgFigures(child.orgId(), child.name(), child.type(), sum(byBranchPath, child.path()),
                        figures(reported.get(child.orgId()))));
            }
        }
        branches.sort(Comparator.comparing(OrgFigures::name));
        return new MonthlyReport(orgId, org.name(), EscalationLadder.parse(org.path()), month.toString(), asOf,
                sum(byBranchPath, org.path()), children, branches);
    }

    /** Keeps a branch's accountability figures of a month (AccountabilityReported), in the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accountabilityReported(UUID branchId, YearMonth month, Instant asOf, AccountabilityFigures figures) {
        try {
            accountability.store(branchId, month, asOf, mapper.writeValueAsString(figures), clock.instant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("accountability figures not writable as JSON", e);
        }
    }

    private AccountabilityFigures figures(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, AccountabilityFigures.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored accountability figures not readable", e);
        }
    }

    /** Publishes last month's report of every committee and general branch once (MonthlyReportPublished). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int publishMonth(YearMonth month) {
        List<UUID> due = counts.markPublished(month, clock.instant());
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
        for (ReportRepository.ActiveMembers branch : counts.activeMembers(prefix)) {
            tally(tallies, branch.orgPath()).members = branch.members();
        }
        for (ReportRepository.MonthEvents events : counts.monthEvents(prefix, start, end)) {
            ReportFigures.Tally t = tally(tallies, events.orgPath());
            t.newlyLost = events.newlyLost();
            t.found = events.found();
            t.reintegrated = events.reintegrated();
            t.disposed = events.disposed();
            t.suspended = events.suspended();
            t.removed = events.removed();
            t.reLost = events.reLost();
            t.deceased = events.deceased();
            t.withdrawn = events.withdrawn();
            t.expelled = events.expelled();
        }
        // lostTotal by situation: the openings of the month plus the cases missing at its start (below).
        for (ReportRepository.Openings openings : counts.openings(prefix, start, end)) {
            tally(tallies, openings.orgPath()).lost(openings.situation(), openings.count());
        }
        for (ReportRepository.MissingCase c : counts.missing(prefix, start, end)) {
            ReportFigures.Tally t = tally(tallies, c.orgPath());
            if (c.missingAtStart()) {
                t.missingAtStart++;
                t.lost(c.situation(), 1);
            }
            if (c.missingAtEnd()) {
                t.stillMissing++;
            }
            Instant until = c.ended() != null && c.ended().isBefore(asOf) ? c.ended() : asOf;
            t.daysLost.add(Math.max(0, Duration.between(c.lostSince(), until).toDays()));
        }
        return tallies;
    }

    private static ReportFigures.Tally tally(Map<String, ReportFigures.Tally> tallies, String path) {
        return tallies.computeIfAbsent(path, p -> new ReportFigures.Tally());
    }
}
