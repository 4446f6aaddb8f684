package cn.lianxin.cases.service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import cn.lianxin.cases.config.CaseRules;
import cn.lianxin.cases.domain.EscalationLadder;
import cn.lianxin.cases.domain.SearchChannel;
import cn.lianxin.cases.messaging.CaseEvents;
import cn.lianxin.cases.rest.CaseDtos.ScanResult;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.schedule.OncePerCluster;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * The deadline rules C1–C5 and C7 (and C8's publication), evaluated as of an instant: set-based SQL over the
 * indexed due columns; each effect is recorded under a unique key (case, episode, level / week / action /
 * follow-up), so that a second scan for the same {@code asOf} changes and emits nothing. Events leave through the
 * outbox in the scan's transaction.
 */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);
    static final String ACTOR = "system:scan";
    /** The scheduled scan's identity, also its name in {@code scheduled_run}. */
    public static final String JOB = "case-scan";
    /** Calendar arithmetic in local time, as {@link ShanghaiCalendar#plus} does it. */
    private static final String PLUS = "((%s AT TIME ZONE 'Asia/Shanghai' + CAST(:%s AS interval)) AT TIME ZONE 'Asia/Shanghai')";

    private final EntityManager em;
    private final Outbox outbox;
    private final CaseRules rules;
    private final ReportService reports;
    private final Clock clock;
    private final OncePerCluster runs;

    public ScanService(EntityManager em, Outbox outbox, CaseRules rules, ReportService reports, Clock clock,
            OncePerCluster runs) {
        this.em = em;
        this.outbox = outbox;
        this.rules = rules;
        this.reports = reports;
        this.clock = clock;
        this.runs = runs;
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
        return new ScanResult(asOf, escalated, rechecks, suspensions, removals, due, missed, published);
    }

    /** C1 (level 1, VERIFICATION_OVERDUE) and C2 (one level higher per further period, NO_NEW_ATTEMPT). */
    private int escalate(Instant asOf) {
        List<Object[]> rows = rows(query("""
                WITH due AS (
                    SELECT c.id, c.episode, c.escalation_level + 1 AS level, c.escalation_due_at,
                           string_to_array(trim(both '/' from c.org_path), '/') AS path
                    FROM case_file c
                    WHERE c.escalation_due_at <= :asOf AND c.state IN ('OPEN', 'SUSPENSION_PROPOSED')
                      AND c.escalation_level < cardinality(string_to_array(trim(both '/' from c.org_path), '/')) - 1
                ), ins AS (
                    INSERT INTO case_escalation (case_id, episode, level, from_org_id, to_org_id, reason, due_at, as_of)
                    SELECT id, episode, level, CAST(path[cardinality(path) - level + 1] AS uuid),
                           CAST(path[cardinality(path) - level] AS uuid),
                           CASE WHEN level = 1 THEN 'VERIFICATION_OVERDUE' ELSE 'NO_NEW_ATTEMPT' END,
                           escalation_due_at, :asOf
                    FROM due
                    ON CONFLICT DO NOTHING
                    RETURNING case_id, level, from_org_id, to_org_id, reason, due_at
                ), moved AS (
                    UPDATE case_file c SET escalation_level = ins.level, responsible_org_id = ins.to_org_id,
                           escalation_due_at = CASE WHEN due.level >= cardinality(due.path) - 1 THEN NULL
                                                    ELSE %s END,
                           updated_at = :now
                    FROM ins JOIN due ON due.id = ins.case_id
                    WHERE c.id = ins.case_id
                    RETURNING c.id, c.member_id, c.org_id, ins.level, ins.from_org_id, ins.to_org_id, ins.reason,
                              ins.due_at, c.last_attempt_at, c.lost_since, due.level >= cardinality(due.path) - 1
                ), logged AS (
                    INSERT INTO case_timeline (id, case_id, at, actor, kind, detail)
                    SELECT gen_random_uuid(), id, :asOf, :actor, 'ESCALATED',
                           'level ' || level || ' to ' || to_org_id || ' (' || reason || ')'
                    FROM moved
                )
                SELECT * FROM moved
                """.formatted(plus("ins.due_at", "interval")), asOf)
                .setParameter("interval", rules.escalationInterval().toString()));
        for (Object[] r : rows) {
            UUID memberId = (UUID) r[1];
            outbox.append(CaseEvents.CASE_ESCALATED, memberId, new CaseEvents.CaseEscalated((UUID) r[0], memberId,
                    (UUID) r[2], (Integer) r[3], (UUID) r[4], (UUID) r[5], (String) r[6], CaseQueries.instant(r[7]),
                    CaseQueries.instant(r[8]), CaseQueries.instant(r[9]),
                    ((Integer) r[3] == 1 ? rules.verificationDeadline() : rules.escalationInterval()).toString(),
                    (Boolean) r[10], asOf));
        }
        return rows.size();
    }

    /** C3 (每周一排查): no attempt within the last week → one reminder per case and week. */
    private int recheck(Instant asOf) {
        LocalDate weekOf = ShanghaiCalendar.dateOf(asOf).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Object[]> rows = rows(query("""
                WITH ins AS (
                    INSERT INTO case_recheck (case_id, week_of, as_of)
                    SELECT c.id, :weekOf, :asOf FROM case_file c
                    WHERE c.state IN ('OPEN', 'SUSPENSION_PROPOSED') AND %s <= :asOf
                    ON CONFLICT DO NOTHING
                    RETURNING case_id
                ), logged AS (
                    INSERT INTO case_timeline (id, case_id, at, actor, kind, detail)
                    SELECT gen_random_uuid(), case_id, :asOf, :actor, 'RECHECK_DUE', 'week of ' || :weekOf FROM ins
                )
                SELECT c.id, c.member_id, c.org_id, c.responsible_org_id, c.escalation_level, c.last_attempt_at,
                       c.lost_since
                FROM ins JOIN case_file c ON c.id = ins.case_id
                """.formatted(plus("coalesce(c.last_attempt_at, c.opened_at)", "recheck")), asOf)
                .setParameter("weekOf", weekOf)
                .setParameter("recheck", rules.recheckInterval().toString()));
        for (Object[] r : rows) {
            UUID memberId = (UUID) r[1];
            outbox.append(CaseEvents.CASE_RECHECK_DUE, memberId, new CaseEvents.CaseRecheckDue((UUID) r[0], memberId,
                    (UUID) r[2], weekOf, (UUID) r[3], (Integer) r[4], CaseQueries.instant(r[5]),
                    CaseQueries.instant(r[6]), asOf));
        }
        return rows.size();
    }

    /** C4: lost P6M with ≥3 distinct channels incl. a field visit → SUSPEND, or CANCEL_PROBATION for 预备党员. */
    private int proposeSuspension(Instant asOf) {
        List<Object[]> rows = rows(query("""
                WITH candidates AS (
                    SELECT c.id, c.episode, c.member_id, c.org_id, c.org_path, c.lost_since,
                           coalesce(m.category, 'FULL') AS category,
                           array(SELECT DISTINCT a.channel FROM search_attempt a
                                 WHERE a.case_id = c.id AND a.episode = c.episode ORDER BY 1) AS channels
                    FROM case_file c LEFT JOIN member_projection m ON m.member_id = c.member_id
                    WHERE c.state = 'OPEN' AND %s <= :asOf
                ), eligible AS (
                    SELECT * FROM candidates
                    WHERE cardinality(channels) >= :minChannels
                      AND channels && ARRAY['VISIT_WORKPLACE', 'VISIT_HOME']
                ), ins AS (
                    INSERT INTO standing_proposal (id, case_id, episode, action, proposed_at)
                    SELECT gen_random_uuid(), id, episode,
                           CASE WHEN category = 'PROBATIONARY' THEN 'CANCEL_PROBATION' ELSE 'SUSPEND' END, :asOf
                    FROM eligible
                    ON CONFLICT DO NOTHING
                    RETURNING id, case_id, action
                ), moved AS (
                    UPDATE case_file c SET state = 'SUSPENSION_PROPOSED', updated_at = :now
                    FROM ins WHERE c.id = ins.case_id
                ), logged AS (
                    INSERT INTO case_timeline (id, case_id, at, actor, kind, detail)
                    SELECT gen_random_uuid(), case_id, :asOf, :actor, 'PROPOSED', action || ' (rule C4)' FROM ins
                )
                SELECT ins.id, ins.case_id, ins.action, e.member_id, e.org_id, e.org_path, e.lost_since,
                       array_to_string(e.channels, ',')
                FROM ins JOIN eligible e ON e.id = ins.case_id
                """.formatted(plus("c.lost_since", "after")), asOf)
                .setParameter("after", rules.suspensionAfter().toString())
                .setParameter("minChannels", rules.suspensionMinChannels()));
        for (Object[] r : rows) {
            UUID memberId = (UUID) r[3];
            List<SearchChannel> channels = Arrays.stream(((String) r[7]).split(",")).map(SearchChannel::valueOf)
                    .sorted().toList();
            outbox.append(CaseEvents.STANDING_ACTION_PROPOSED, memberId, new CaseEvents.StandingActionProposed(
                    (UUID) r[1], memberId, (UUID) r[4], (UUID) r[0], (String) r[2], superior((String) r[5]),
                    CaseQueries.instant(r[6]), channels, true, null, null, asOf));
        }
        return rows.size();
    }

    /** C5: suspended and still unreachable P2Y after the suspension → REMOVE (除名). */
    private int proposeRemoval(Instant asOf) {
        List<Object[]> rows = rows(query("""
                WITH ins AS (
                    INSERT INTO standing_proposal (id, case_id, episode, action, proposed_at)
                    SELECT gen_random_uuid(), c.id, c.episode, 'REMOVE', :asOf FROM case_file c
                    WHERE c.state = 'SUSPENDED_MONITORING' AND %s <= :asOf
                    ON CONFLICT DO NOTHING
                    RETURNING id, case_id
                ), moved AS (
                    UPDATE case_file c SET state = 'REMOVAL_PROPOSED', updated_at = :now
                    FROM ins WHERE c.id = ins.case_id
                ), logged AS (
                    INSERT INTO case_timeline (id, case_id, at, actor, kind, detail)
                    SELECT gen_random_uuid(), case_id, :asOf, :actor, 'PROPOSED', 'REMOVE (rule C5)' FROM ins
                )
                SELECT ins.id, c.id, c.member_id, c.org_id, c.org_path, c.suspended_at
                FROM ins JOIN case_file c ON c.id = ins.case_id
                """.formatted(plus("c.suspended_at", "after")), asOf)
                .setParameter("after", rules.removalAfter().toString()));
        for (Object[] r : rows) {
            UUID memberId = (UUID) r[2];
            outbox.append(CaseEvents.STANDING_ACTION_PROPOSED, memberId, new CaseEvents.StandingActionProposed(
                    (UUID) r[1], memberId, (UUID) r[3], (UUID) r[0], "REMOVE", superior((String) r[4]), null, null,
                    null, CaseQueries.instant(r[5]), null, asOf));
        }
        return rows.size();
    }

    /** C7: a follow-up has come due (once per follow-up). */
    private int followUpsDue(Instant asOf) {
        return followUpNotice(asOf, "due_notified_at", "f.due_at", "FOLLOW_UP_DUE", CaseEvents.FOLLOW_UP_DUE, null);
    }

    /** C7: a follow-up was not recorded within the grace period after it was due (once per follow-up). */
    private int followUpsMissed(Instant asOf) {
        return followUpNotice(asOf, "missed_notified_at", plus("f.due_at", "grace"), "FOLLOW_UP_MISSED",
                CaseEvents.FOLLOW_UP_MISSED, rules.followUp().grace());
    }

    private int followUpNotice(Instant asOf, String column, String dueExpression, String kind, String ceType,
            Period grace) {
        Query query = query("""
                WITH marked AS (
                    UPDATE follow_up f SET %1$s = :asOf
                    FROM case_file c
                    WHERE c.id = f.case_id AND c.episode = f.episode AND c.state = 'FOLLOW_UP'
                      AND f.done_at IS NULL AND f.%1$s IS NULL AND %2$s <= :asOf
                    RETURNING f.case_id, f.episode, f.no, f.cadence, f.due_at, c.member_id, c.org_id
                ), logged AS (
                    INSERT INTO case_timeline (id, case_id, at, actor, kind, detail)
                    SELECT gen_random_uuid(), case_id, :asOf, :actor, '%3$s', 'follow-up ' || no || ' due ' || due_at
                    FROM marked
                )
                SELECT m.case_id, m.no, m.cadence, m.due_at, m.member_id, m.org_id,
                       (SELECT count(*) FROM follow_up p WHERE p.case_id = m.case_id AND p.episode = m.episode)
                FROM marked m
                """.formatted(column, dueExpression, kind), asOf);
        if (grace != null) {
            query.setParameter("grace", grace.toString());
        }
        List<Object[]> rows = rows(query);
        for (Object[] r : rows) {
            UUID memberId = (UUID) r[4];
            outbox.append(ceType, memberId, new CaseEvents.FollowUpNotice((UUID) r[0], memberId, (UUID) r[5],
                    (Integer) r[1], ((Number) r[6]).intValue(), (String) r[2], CaseQueries.instant(r[3]), asOf));
        }
        return rows.size();
    }

    private Query query(String sql, Instant asOf) {
        Query query = em.createNativeQuery(sql).setParameter("asOf", asOf);
        if (sql.contains(":now")) {
            query.setParameter("now", clock.instant());
        }
        if (sql.contains(":actor")) {
            query.setParameter("actor", ACTOR);
        }
        return query;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query query) {
        return (List<Object[]>) query.getResultList();
    }

    private static String plus(String expression, String parameter) {
        return PLUS.formatted(expression, parameter);
    }

    private static UUID superior(String orgPath) {
        return EscalationLadder.next(EscalationLadder.parse(orgPath), 0).map(EscalationLadder.Step::toOrgId)
                .orElse(null);
    }
}
