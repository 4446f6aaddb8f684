package cn.lianxin.cases.service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import cn.lianxin.cases.config.CaseRules;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.EscalationLadder;
import cn.lianxin.cases.domain.SearchChannel;
import cn.lianxin.cases.domain.SuspensionCriteria;
import cn.lianxin.cases.repository.ScanRepository;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.outbox.Outbox.Keyed;
import cn.lianxin.platform.observability.Scans;
import cn.lianxin.platform.schedule.OncePerCluster;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * The deadline rules C1–C5 and C7 (and C8's publication), evaluated as of an instant: set-based SQL over the
 * indexed due columns; each effect is recorded under a unique key (case, episode, level / week / action /
 * follow-up), so that a second scan for the same {@code asOf} changes and emits nothing. Events leave through the
 * outbox in the scan's transaction, each rule's set in one statement ({@link Outbox#appendAll}). The same scan chases
 * the departments' unanswered lookups ({@link LookupService#chase}).
 */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);
    static final String ACTOR = "system:scan";
    /** The scheduled scan's identity, also its name in {@code scheduled_run}. */
    public static final String JOB = "case-scan";
    /** The moves the scan makes in SQL (C4, C5): CaseStateTest checks them against {@link CaseState#canMoveTo}. */
    static final Map<CaseState, CaseState> MOVES = Map.of(CaseState.OPEN, CaseState.SUSPENSION_PROPOSED,
            CaseState.SUSPENDED_MONITORING, CaseState.REMOVAL_PROPOSED);

    private final ScanRepository statements;
    private final Outbox outbox;
    private final CaseRules rules;
    private final ReportService reports;
    private final Clock clock;
    private final OncePerCluster runs;
    private final Scans scans;
    private final LookupService lookups;

    public ScanService(ScanRepository statements, Outbox outbox, CaseRules rules, ReportService reports, Clock clock,
            OncePerCluster runs, Scans scans, LookupService lookups) {
        this.lookups = lookups;
        this.statements = statements;
        this.outbox = outbox;
        this.rules = rules;
        this.reports = reports;
        this.clock = clock;
        this.runs = runs;
        this.scans = scans;
    }

    /** What one scan did, by rule. */
    public record ScanResult(Instant asOf, int escalated, int rechecksDue, int suspensionsProposed,
            int removalsProposed, int followUpsDue, int followUpsMissed, int reportsPublished, int lookupsChased) {
    }

    /**
     * Daily at 01:00 China time; the monthly reports of the month before go out on the 1st. Run by the one replica
     * that claims this fire time ({@link OncePerCluster}); not transactional itself, so that the scan
     * ({@link #scan}, its own transaction) has committed before the run is recorded as ended.
     */
    @Scheduled(cron = "{lianxin.cases.scan-cron:0 0 1 * * ?}", timeZone = "Asia/Shanghai", identity = JOB,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily(ScheduledExecution execution) {
        runs.run(JOB, execution, () -> {
            ScanResult result = scan(clock.instant());
            LOG.infof("case scan %s", result);
            return result;
        });
    }

    @Transactional
    public ScanResult scan(Instant asOf) {
        try (Scans.Run run = scans.start(JOB)) {
            int escalated = 0;
            for (int pass = 0; pass < 32; pass++) { // one level per pass: a late backfill climbs several levels
                int n = escalate(asOf);
                escalated += n;
                if (n == 0) {
                    break;
                }
            }
            int rechecks = recheck(asOf);
            int suspensions = proposeSuspension(asOf);
            int removals = proposeRemoval(asOf);
            int due = followUpsDue(asOf);
            int missed = followUpsMissed(asOf);
            YearMonth previous = ShanghaiCalendar.monthOf(asOf).minusMonths(1);
            int published = reports.publishMonth(previous);
            int chased = lookups.chase(asOf); // unanswered lookups of the departments (催办)
            run.appended(escalated + rechecks + suspensions + removals + due + missed + published + 2 * chased);
            return new ScanResult(asOf, escalated, rechecks, suspensions, removals, due, missed, published, chased);
        }
    }

    /** C1 (level 1, VERIFICATION_OVERDUE) and C2 (one level higher per further period, NO_NEW_ATTEMPT). */
    private int escalate(Instant asOf) {
        List<ScanRepository.Escalated> escalated = statements.escalate(asOf, clock.instant(), ACTOR,
                rules.escalationInterval());
        outbox.appendAll(CaseEvents.CASE_ESCALATED, escalated.stream().map(e -> new Keyed(e.memberId(),
                new CaseEvents.CaseEscalated(e.caseId(), e.memberId(), e.orgId(), e.level(), e.fromOrgId(), e.toOrgId(),
                        e.reason(), e.dueAt(), e.lastAttemptAt(), e.lostSince(),
                        (e.level() == 1 ? rules.verificationDeadline() : rules.escalationInterval()).toString(),
                        e.atRoot(), asOf))).toList());
        return escalated.size();
    }

    /** C3 (每周一排查): no attempt within the last week → one reminder per case and week. */
    private int recheck(Instant asOf) {
        LocalDate weekOf = ShanghaiCalendar.dateOf(asOf).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<ScanRepository.RecheckDue> due = statements.recheck(asOf, clock.instant(), ACTOR, weekOf,
                rules.recheckInterval());
        outbox.appendAll(CaseEvents.CASE_RECHECK_DUE, due.stream().map(r -> new Keyed(r.memberId(),
                new CaseEvents.CaseRecheckDue(r.caseId(), r.memberId(), r.orgId(), weekOf, r.responsibleOrgId(),
                        r.escalationLevel(), r.lastAttemptAt(), r.lostSince(), asOf))).toList());
        return due.size();
    }

    /**
     * C4 ({@link SuspensionCriteria}, run here as SQL for the whole register: SuspensionRuleInStepTest keeps the two
     * in step): lost P6M with ≥3 distinct channels incl. a field visit → SUSPEND, or CANCEL_PROBATION for 预备党员.
     */
    private int proposeSuspension(Instant asOf) {
        List<ScanRepository.Proposed> proposed = statements.proposeSuspension(asOf, clock.instant(), ACTOR,
                rules.suspensionAfter(), rules.suspensionMinChannels(), SearchChannel.fieldVisits(),
                SuspensionCriteria.proposedAction("PROBATIONARY"), SuspensionCriteria.proposedAction("FULL"),
                CaseState.OPEN, MOVES.get(CaseState.OPEN));
        outbox.appendAll(CaseEvents.STANDING_ACTION_PROPOSED, proposed.stream().map(p -> new Keyed(p.memberId(),
                new CaseEvents.StandingActionProposed(p.caseId(), p.memberId(), p.orgId(), p.proposalId(), p.action(),
                        superior(p.orgPath()), p.lostSince(), p.channels(), true, null, null, asOf))).toList());
        return proposed.size();
    }

    /** C5: suspended and still unreachable P2Y after the suspension → REMOVE (除名). */
    private int proposeRemoval(Instant asOf) {
        List<ScanRepository.Proposed> proposed = statements.proposeRemoval(asOf, clock.instant(), ACTOR,
                rules.removalAfter(), CaseState.SUSPENDED_MONITORING, MOVES.get(CaseState.SUSPENDED_MONITORING));
        outbox.appendAll(CaseEvents.STANDING_ACTION_PROPOSED, proposed.stream().map(p -> new Keyed(p.memberId(),
                new CaseEvents.StandingActionProposed(p.caseId(), p.memberId(), p.orgId(), p.proposalId(), "REMOVE",
                        superior(p.orgPath()), null, null, null, p.suspendedAt(), null, asOf))).toList());
        return proposed.size();
    }

    /** C7: a follow-up has come due (once per follow-up). */
    private int followUpsDue(Instant asOf) {
        return notify(statements.followUpsDue(asOf, clock.instant(), ACTOR), CaseEvents.FOLLOW_UP_DUE, asOf);
    }

    /** C7: a follow-up was not recorded within the grace period after it was due (once per follow-up). */
    private int followUpsMissed(Instant asOf) {
        return notify(statements.followUpsMissed(asOf, clock.instant(), ACTOR, rules.followUp().grace()),
                CaseEvents.FOLLOW_UP_MISSED, asOf);
    }

    private int notify(List<ScanRepository.FollowUpNotice> notices, String ceType, Instant asOf) {
        outbox.appendAll(ceType, notices.stream().map(n -> new Keyed(n.memberId(), new CaseEvents.FollowUpNotice(
                n.caseId(), n.memberId(), n.orgId(), n.no(), n.planSize(), n.cadence(), n.dueAt(), asOf))).toList());
        return notices.size();
    }

    private static UUID superior(String orgPath) {
        return EscalationLadder.next(EscalationLadder.parse(orgPath), 0).map(EscalationLadder.Step::toOrgId)
                .orElse(null);
    }
}
