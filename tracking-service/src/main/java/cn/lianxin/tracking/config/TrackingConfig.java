package cn.lianxin.tracking.config;

import java.time.Period;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import cn.lianxin.tracking.domain.ClockPeriods;

/** The thresholds of docs/domain.md §2 (T1–T7), as ISO-8601 periods so that a city can set its own policy. */
@ConfigMapping(prefix = "lianxin.tracking")
public interface TrackingConfig {

    /** T1: a flow member must be reached by the liaison every month (乌海 "五个一"). */
    @WithDefault("P1M")
    Period liaisonMonthly();

    /** T2: every member needs a REACHED contact of any channel every quarter. */
    @WithDefault("P3M")
    Period quarterly();

    /** T3: a missed obligation still unmet after this grace period escalates to the branch secretary. */
    @WithDefault("P7D")
    Period grace();

    /** T4: away without report-in and without a REACHED contact for this long: 失控. */
    @WithDefault("P1M")
    Period uncontrolled();

    /**
     * T5: no REACHED contact for this long: 失联 suspected. One month after the quarterly reminder, so that the
     * liaison and the secretary are warned twice first; must exceed quarterly + grace (checked at start-up).
     */
    @WithDefault("P4M")
    Period lostContact();

    /** T6: reachable, but no org life or no dues for this long (党章 Art. 9). */
    @WithDefault("P6M")
    Period selfWithdrawal();

    /** T7: no dues payment for this long. */
    @WithDefault("P3M")
    Period duesArrears();

    Scan scan();

    /** 专项排查 campaigns (docs/domain.md §7). */
    Campaign campaign();

    /** The periods the clock planner needs, as a value of the domain. */
    default ClockPeriods periods() {
        return new ClockPeriods(liaisonMonthly(), quarterly(), grace(), uncontrolled(), lostContact(), selfWithdrawal(),
                duesArrears());
    }

    interface Campaign {
        /** How long before the end of its window a campaign reminds each lagging branch, once (a week). */
        @WithDefault("P7D")
        Period reminderBefore();
    }

    interface Scan {
        /** When the daily scan runs (Asia/Shanghai); {@code off} disables it. */
        @WithDefault("0 30 1 * * ?")
        String cron();

        /**
         * Seconds the transaction of one slice may take (one transaction per slice; about a minute per few million
         * members).
         */
        @WithDefault("3600")
        int transactionTimeout();

        /**
         * Slices of the members a scan works on at the same time, each in its own transaction on its own database
         * connection: about the database server's cores. 1 scans everyone in one transaction.
         */
        @WithDefault("2")
        int slices();
    }
}
