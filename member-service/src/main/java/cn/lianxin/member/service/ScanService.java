package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import cn.lianxin.member.config.ContactHealthConfig;
import cn.lianxin.member.config.MemberRulesConfig;
import cn.lianxin.member.repository.ScanRepository;
import cn.lianxin.member.service.TransferViews.ScanResult;
import cn.lianxin.platform.observability.Scans;
import cn.lianxin.platform.schedule.OncePerCluster;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * Rules M1–M6 as of an instant, each one set-based statement ({@link ScanRepository}) in one transaction:
 * findings are recorded once per (rule, subject, period), and exactly the new ones are written to the outbox.
 */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);

    /** The scheduled scan's identity, also its name in {@code scheduled_run}. */
    public static final String JOB = "member-rule-scan";

    private final ScanRepository findings;
    private final MemberRulesConfig rules;
    private final ContactHealthPolicy contactHealth;
    private final ContactHealthConfig contactHealthConfig;
    private final Clock clock;
    private final OncePerCluster runs;

    private final Scans scans;

    public ScanService(ScanRepository findings, MemberRulesConfig rules, ContactHealthPolicy contactHealth,
            ContactHealthConfig contactHealthConfig, Clock clock, OncePerCluster runs, Scans scans) {
        this.findings = findings;
        this.rules = rules;
        this.contactHealth = contactHealth;
        this.contactHealthConfig = contactHealthConfig;
        this.clock = clock;
        this.runs = runs;
        this.scans = scans;
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
        try (Scans.Run run = scans.start(JOB)) {
            LocalDate day = ShanghaiCalendar.dateOf(asOf);
            int overdue = findings.transferReceiptOverdue(MemberEvents.TRANSFER_RECEIPT_OVERDUE, asOf, day);

            int reviews = 0;
            Instant reviewDue = ShanghaiCalendar.startOfDay(
                    LocalDate.of(day.getYear(), 1, 1).plus(rules.annualReviewDeadline()));
            if (!asOf.isBefore(reviewDue)) {
                reviews = findings.annualReviewOverdue(MemberEvents.ANNUAL_REVIEW_OVERDUE, asOf, day.getYear(), reviewDue);
            }

            int recommended = findings.transferRecommended(MemberEvents.TRANSFER_RECOMMENDED, asOf,
                    day.minus(rules.outflowTransferThreshold()), rules.outflowTransferThreshold());

            // The handshake of outflows and transfers (cn.lianxin.member.domain.Handshake): M4 reminds both sides of
            // an unconfirmed report-in (M1 does it for a receipt), M5 tells the sending side's superior org a grace later.
            int reportIn = findings.reportInOverdue(MemberEvents.REPORT_IN_OVERDUE, asOf, day);
            int escalated = findings.handshakeEscalated(MemberEvents.HANDSHAKE_ESCALATED, asOf, day,
                    rules.handshakeEscalationGrace());

            // M6: contact details nobody confirmed for lianxin.member.contact-health.unconfirmed-after (ContactVerification),
            // told once per crossing, so that tracking-service's loss-risk score need not restate the period.
            int unconfirmed = findings.contactVerificationDue(MemberEvents.CONTACT_VERIFICATION_DUE, asOf,
                    contactHealth.cutoff(asOf), contactHealthConfig.unconfirmedAfter());
            run.appended(overdue + reviews + recommended + reportIn + escalated + unconfirmed);
            return new ScanResult(asOf, overdue, reviews, recommended, reportIn, escalated, unconfirmed);
        }
    }
}
