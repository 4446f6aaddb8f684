package cn.lianxin.member.config;

import java.time.Period;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The register's thresholds (docs/domain.md §2, rules M1–M5, and the re-admission bar); ISO-8601 periods. */
@ConfigMapping(prefix = "lianxin.member")
public interface MemberRulesConfig {

    /** 除名/劝退: no re-admission within this period. */
    @WithDefault("P5Y")
    Period readmissionBar();

    /** M1: validity of a transfer letter within the province. */
    @WithDefault("P3M")
    Period transferValidity();

    /** M1: validity of a transfer letter across provinces. */
    @WithDefault("P6M")
    Period crossProvinceTransferValidity();

    /** M2: the annual review is due this long after 1 January (Asia/Shanghai). */
    @WithDefault("P3M")
    Period annualReviewDeadline();

    /** M3: an outflow this long at a fixed place should become a transfer. */
    @WithDefault("P6M")
    Period outflowTransferThreshold();

    /**
     * The handshake of an outflow (docs/domain.md rule M4): the receiving org confirms the member's report-in (报到)
     * within this period after the day the member left; unconfirmed then, both sides are reminded.
     */
    @WithDefault("P1M")
    Period reportInDeadline();

    /**
     * The handshake's escalation (rule M5): a report-in or a receipt still unconfirmed this long after its due day is
     * reported to the superior org of the sending side.
     */
    @WithDefault("P14D")
    Period handshakeEscalationGrace();

    /** When the daily M1–M5 scan runs (Quartz-style cron, Asia/Shanghai); {@code off} disables it. */
    @WithDefault("0 0 2 * * ?")
    String scanCron();
}
