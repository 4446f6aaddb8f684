package cn.lianxin.tracking.service;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import cn.lianxin.platform.observability.Traceparent;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.repository.ScanRepository;
import cn.lianxin.tracking.repository.ScanRepository.Slice;
import cn.lianxin.tracking.repository.ScanRepository.Step;

/**
 * T1–T7 for the members of one slice, in one transaction: one set-based pass over the slice's due clocks, then the
 * steps of {@link ScanRepository} that write their events, no loop over members. Running it again for the same
 * instant emits nothing new.
 */
@ApplicationScoped
class ScanSlice {

    private final ScanRepository scans;
    private final TrackingConfig config;
    private final Clock clock;
    private final Outbox outbox;

    ScanSlice(ScanRepository scans, TrackingConfig config, Clock clock, Outbox outbox) {
        this.scans = scans;
        this.config = config;
        this.clock = clock;
        this.outbox = outbox;
    }

    /** @return what the slice emitted, by event name */
    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = "lianxin.tracking.scan.transaction-timeout")
    Map<String, Integer> scan(Instant asOf, String pathPrefix, int slice, int slices) {
        Slice scope = new Slice(asOf, clock.instant(), pathPrefix, slice, slices, Traceparent.currentOrNull());
        scans.begin(scope);
        boolean due = scans.advance(scope) > 0;
        Map<String, Integer> emitted = new LinkedHashMap<>();
        int missed = 0;
        // the pass moved every escalating rule's clocks on (ClockRule.escalates): each one's ContactMissed, in rule order
        for (ClockRule rule : ClockRule.values()) {
            if (!rule.escalates()) {
                continue;
            }
            Period threshold = switch (rule) {
                case LIAISON_MONTHLY -> config.liaisonMonthly();
                case QUARTERLY -> config.quarterly();
                default -> throw new IllegalStateException("no ContactMissed threshold for " + rule);
            };
            missed += run(due, scope, Step.REMINDER, rule, ContactEvents.CONTACT_MISSED, threshold);
            missed += run(due, scope, Step.ESCALATION, rule, ContactEvents.CONTACT_MISSED, threshold);
        }
        emitted.put("ContactMissed", missed);
        emitted.put("MemberUncontrolled", run(due, scope, Step.UNCONTROLLED, ClockRule.UNCONTROLLED,
                ContactEvents.MEMBER_UNCONTROLLED, config.uncontrolled()));
        emitted.put("LostContactSuspected", run(due, scope, Step.LOST, ClockRule.LOST,
                ContactEvents.LOST_CONTACT_SUSPECTED, config.lostContact()));
        emitted.put("SelfWithdrawalSuspected", run(due, scope, Step.SELF_WITHDRAWAL, null,
                ContactEvents.SELF_WITHDRAWAL_SUSPECTED, config.selfWithdrawal()));
        emitted.put("DuesArrears", run(due, scope, Step.DUES_ARREARS, ClockRule.DUES_ARREARS,
                ContactEvents.DUES_ARREARS, config.duesArrears()));
        if (emitted.values().stream().anyMatch(n -> n > 0)) {
            outbox.wakeRelayAfterCommit(); // the events were written by SQL: publish them now, not at the next poll
        }
        return emitted;
    }

    /** Runs {@code step}, unless the slice's pass found nothing due (a repeated scan): then it has nothing to write. */
    private int run(boolean due, Slice scope, Step step, ClockRule rule, String eventType, Period threshold) {
        return due ? scans.run(step, scope, rule, eventType, threshold, config.grace()) : 0;
    }
}
