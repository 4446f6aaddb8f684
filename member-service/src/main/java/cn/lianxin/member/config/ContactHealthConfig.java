package cn.lianxin.member.config;

import java.time.Period;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Contact-data health (联系方式核实, docs/domain.md §7); ISO-8601 period. */
@ConfigMapping(prefix = "lianxin.member.contact-health")
public interface ContactHealthConfig {

    /** Contact details nobody confirmed for this long (since the last confirmation, else registration) must be verified. */
    @WithDefault("P12M")
    Period unconfirmedAfter();
}
