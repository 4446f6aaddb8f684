package cn.lianxin.tracking.config;

import java.time.Period;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** 目标责任考核: the accountability figures and their monthly report (docs/domain.md §7). */
@ConfigMapping(prefix = "lianxin.tracking.accountability")
public interface AccountabilityConfig {

    /**
     * When last month's figures of every branch are reported (AccountabilityReported), Asia/Shanghai: the 1st of each
     * month; {@code off} disables it.
     */
    @WithDefault("0 0 3 1 * ?")
    String cron();

    /**
     * C1's deadline for the first search attempt of a case (case-service's lianxin.cases.verification-deadline), for
     * the openings whose CaseOpened was consumed before its verificationDueAt was kept (V5).
     */
    @WithDefault("P30D")
    Period firstSearchWithin();
}
