package cn.lianxin.member.config;

import java.time.Period;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** ID reconciliation across the tree (口袋党员, 空挂; docs/domain.md §7); ISO-8601 period. */
@ConfigMapping(prefix = "lianxin.member.reconciliation")
public interface ReconciliationConfig {

    /**
     * 空挂: a member nobody reached for this long (since the last REACHED contact, else registration) and without an
     * open case is listed.
     */
    @WithDefault("P1Y")
    Period noContactAfter();
}
