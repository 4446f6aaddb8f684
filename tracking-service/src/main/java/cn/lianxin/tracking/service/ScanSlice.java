package cn.lianxin.tracking.service;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.messaging.events.ContactEvents;
import cn.lianxin.tracking.repository.Sql;

/**
 * T1–T7 for the members of one slice, in one transaction: the set-based statements of {@link ScanStatements}, no
 * loop over members. Running it again for the same instant emits nothing new.
 */
@ApplicationScoped
class ScanSlice {

    private final EntityManager em;
    private final TrackingConfig config;
    private final Clock clock;
    private final Outbox outbox;

    ScanSlice(EntityManager em, TrackingConfig config, Clock clock, Outbox outbox) {
        this.em = em;
        this.config = config;
        this.clock = clock;
        this.outbox = outbox;
    }

    /** @return what the slice emitted, by event name */
    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = "lianxin.tracking.scan.transaction-timeout")
    Map<String, Integer> scan(Instant asOf, String pathPrefix, int slice, int slices) {
        // hash joins over hundreds of thousands of due clocks: in memory rather than in temp-file batches
        em.createNativeQuery("SET LOCAL work_mem = '64MB'").executeUpdate();
        // a day's due clocks are a small share of the members: find each one's member by its key (pages are cached
        // or on SSD) instead of reading the whole member table once per statement, as the default 4.0 would
        em.createNativeQuery("SET LOCAL random_page_cost = 1.1").executeUpdate();
        for (String setting : ScanStatements.SESSION) {
            em.createNativeQuery(setting).executeUpdate();
        }
        // one scan of a slice at a time per database (the scheduled one on each instance, an administrator's backfill)
        Sql.of(em, "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.clock_scan'), :slice)) l")
                .set("slice", slice, Integer.class).single();
        Map<String, Integer> emitted = new LinkedHashMap<>();
        Scope scope = new Scope(asOf, pathPrefix, slice, slices);
        int missed = 0;
        for (ClockRule rule : new ClockRule[] { ClockRule.LIAISON_MONTHLY, ClockRule.QUARTERLY }) {
            Period threshold = rule == ClockRule.LIAISON_MONTHLY ? config.liaisonMonthly() : config.quarterly();
            missed += run(scope, ScanStatements.REMINDER, rule, ContactEvents.CONTACT_MISSED, threshold);
            missed += run(scope, ScanStatements.ESCALATION, rule, ContactEvents.CONTACT_MISSED, threshold);
        }
        emitted.put("ContactMissed", missed);
        emitted.put("MemberUncontrolled", run(scope, ScanStatements.UNCONTROLLED, ClockRule.UNCONTROLLED,
                ContactEvents.MEMBER_UNCONTROLLED, config.uncontrolled()));
        emitted.put("LostContactSuspected", run(scope, ScanStatements.LOST, ClockRule.LOST,
                ContactEvents.LOST_CONTACT_SUSPECTED, config.lostContact()));
        emitted.put("SelfWithdrawalSuspected", run(scope, ScanStatements.SELF_WITHDRAWAL, null,
                ContactEvents.SELF_WITHDRAWAL_SUSPECTED, config.selfWithdrawal()));
        emitted.put("DuesArrears", run(scope, ScanStatements.DUES_ARREARS, ClockRule.DUES_ARREARS,
                ContactEvents.DUES_ARREARS, config.duesArrears()));
        if (emitted.values().stream().anyMatch(n -> n > 0)) {
            outbox.wakeRelayAfterCommit(); // the events were written by SQL: publish them now, not at the next poll
        }
        return emitted;
    }

    /** What every statement of this slice's scan is about. */
    private record Scope(Instant asOf, String prefix, int slice, int slices) {
    }

    private int run(Scope scope, String statement, ClockRule rule, String type, Period threshold) {
        Sql sql = Sql.of(em, statement).set("asOf", scope.asOf()).set("now", clock.instant())
                .set("prefix", scope.prefix() + "%").set("slice", scope.slice(), Integer.class)
                .set("slices", scope.slices(), Integer.class).set("threshold", threshold.toString()).set("type", type)
                .set("asOfText", scope.asOf().toString());
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
