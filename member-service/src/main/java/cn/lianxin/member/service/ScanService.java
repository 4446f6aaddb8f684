package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import cn.lianxin.member.config.MemberRulesConfig;
import cn.lianxin.member.messaging.MemberEvents;
import cn.lianxin.member.rest.TransferDtos.ScanResult;
import cn.lianxin.platform.schedule.OncePerCluster;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * Rules M1–M3 as of an instant, each one set-based statement ({@link ScanStatements}) in one transaction:
 * findings are recorded once per (rule, subject, period), and exactly the new ones are written to the outbox.
 */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);

    /** The scheduled scan's identity, also its name in {@code scheduled_run}. */
    public static final String JOB = "member-rule-scan";

    private final EntityManager em;
    private final MemberRulesConfig rules;
    private final Clock clock;
    private final OncePerCluster runs;

    public ScanService(EntityManager em, MemberRulesConfig rules, Clock clock, OncePerCluster runs) {
        this.em = em;
        this.rules = rules;
        this.clock = clock;
        this.runs = runs;
    }

    /**
     * The daily scan ({@code lianxin.member.scan-cron}, Asia/Shanghai), run by the one replica that claims this fire
     * time ({@link OncePerCluster}); the scan commits in its own transaction before the run is recorded as ended.
     */
    @Scheduled(identity = JOB, cron = "${lianxin.member.scan-cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        runs.run(JOB, execution, () -> {
            ScanResult result = scan(clock.instant());
            LOG.infof("Scheduled member scan as of %s: %s", result.asOf(), result);
            return result;
        });
    }

    @Transactional
    public ScanResult scan(Instant asOf) {
        LocalDate day = ShanghaiCalendar.dateOf(asOf);
        int overdue = statement(ScanStatements.TRANSFER_RECEIPT_OVERDUE, MemberEvents.TRANSFER_RECEIPT_OVERDUE, asOf)
                .setParameter("asOfDate", day)
                .executeUpdate();

        int reviews = 0;
        Instant reviewDue = ShanghaiCalendar.startOfDay(LocalDate.of(day.getYear(), 1, 1).plus(rules.annualReviewDeadline()));
        if (!asOf.isBefore(reviewDue)) {
            reviews = statement(ScanStatements.ANNUAL_REVIEW_OVERDUE, MemberEvents.ANNUAL_REVIEW_OVERDUE, asOf)
                    .setParameter("year", day.getYear())
                    .setParameter("yearText", String.valueOf(day.getYear()))
                    .setParameter("dueAt", reviewDue)
                    .setParameter("dueAtText", reviewDue.toString())
                    .executeUpdate();
        }

        int recommended = statement(ScanStatements.TRANSFER_RECOMMENDED, MemberEvents.TRANSFER_RECOMMENDED, asOf)
                .setParameter("cutoff", day.minus(rules.outflowTransferThreshold()))
                .setParameter("threshold", rules.outflowTransferThreshold().toString())
                .executeUpdate();
        return new ScanResult(asOf, overdue, reviews, recommended);
    }

    private Query statement(String sql, String type, Instant asOf) {
        return em.createNativeQuery(sql)
                .setParameter("type", type)
                .setParameter("asOf", asOf)
                .setParameter("asOfText", asOf.toString())
                .setParameter("now", clock.instant());
    }
}
