package cn.lianxin.tracking.service;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.scheduler.Scheduled;

import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.messaging.ContactEvents;
import cn.lianxin.tracking.repository.Sql;

/**
 * Evaluates T1–T7 for every member (or one subtree) as of an instant, in one transaction: set-based statements
 * ({@link ScanStatements}), no loop over members. Running it again for the same instant emits nothing new.
 */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);

    /** What one scan emitted, by event name. */
    public record ScanResult(Instant asOf, String scope, Map<String, Integer> emitted) {
    }

    private final EntityManager em;
    private final TrackingConfig config;
    private final Clock clock;
    private final Outbox outbox;

    public ScanService(EntityManager em, TrackingConfig config, Clock clock, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** The daily scan (configurable: {@code lianxin.tracking.scan.cron}, Asia/Shanghai). */
    @Scheduled(identity = "contact-clock-scan", cron = "${lianxin.tracking.scan.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        ScanResult result = scan(clock.instant(), "/");
        LOG.infof("Scheduled scan as of %s emitted %s", result.asOf(), result.emitted());
    }

    /**
     * @param pathPrefix org path of the subtree to scan ({@code /} for everyone)
     */
    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = "lianxin.tracking.scan.transaction-timeout")
    public ScanResult scan(Instant asOf, String pathPrefix) {
        Map<String, Integer> emitted = new LinkedHashMap<>();
        // hash joins over hundreds of thousands of due clocks: in memory rather than in temp-file batches
        em.createNativeQuery("SET LOCAL work_mem = '64MB'").executeUpdate();
        for (String setting : ScanStatements.SESSION) {
            em.createNativeQuery(setting).executeUpdate();
        }
        // one scan at a time per database (the scheduled one on each instance, an administrator's backfill)
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.clock_scan'))) l")
                .getSingleResult();
        int missed = 0;
        for (ClockRule rule : new ClockRule[] { ClockRule.LIAISON_MONTHLY, ClockRule.QUARTERLY }) {
            Period threshold = rule == ClockRule.LIAISON_MONTHLY ? config.liaisonMonthly() : config.quarterly();
            missed += run(ScanStatements.REMINDER, rule, ContactEvents.CONTACT_MISSED, threshold, asOf, pathPrefix);
            missed += run(ScanStatements.ESCALATION, rule, ContactEvents.CONTACT_MISSED, threshold, asOf, pathPrefix);
        }
        emitted.put("ContactMissed", missed);
        emitted.put("MemberUncontrolled", run(ScanStatements.UNCONTROLLED, ClockRule.UNCONTROLLED,
                ContactEvents.MEMBER_UNCONTROLLED, config.uncontrolled(), asOf, pathPrefix));
        emitted.put("LostContactSuspected", run(ScanStatements.LOST, ClockRule.LOST,
                ContactEvents.LOST_CONTACT_SUSPECTED, config.lostContact(), asOf, pathPrefix));
        emitted.put("SelfWithdrawalSuspected", run(ScanStatements.SELF_WITHDRAWAL, null,
                ContactEvents.SELF_WITHDRAWAL_SUSPECTED, config.selfWithdrawal(), asOf, pathPrefix));
        emitted.put("DuesArrears", run(ScanStatements.DUES_ARREARS, ClockRule.DUES_ARREARS,
                ContactEvents.DUES_ARREARS, config.duesArrears(), asOf, pathPrefix));
        if (emitted.values().stream().anyMatch(n -> n > 0)) {
            outbox.wakeRelayAfterCommit(); // the events were written by SQL: publish them now, not at the next poll
        }
        return new ScanResult(asOf, pathPrefix, emitted);
    }

    private int run(String statement, ClockRule rule, String type, Period threshold, Instant asOf, String prefix) {
        Sql sql = Sql.of(em, statement).set("asOf", asOf).set("now", clock.instant()).set("prefix", prefix + "%")
                .set("threshold", threshold.toString()).set("type", type).set("asOfText", asOf.toString());
        if (rule != null) {
            sql.set("rule", rule.name());
        }
        if (statement.contains(":thresholdMonths")) {
            sql.set("thresholdMonths", (int) Math.max(1, threshold.toTotalMonths()), Integer.class);
        }
        if (statement.contains(":grace")) {
            sql.set("grace", config.grace().toString());
        }
        return sql.update();
    }
}
