package cn.lianxin.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "lianxin.outbox")
public interface OutboxConfig {

    /** ce_source of every event this service publishes, e.g. {@code /member-service}. */
    String source();

    /** How often the relay looks for unpublished events besides being woken by each commit (a safety net). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events published per relay transaction. */
    @WithDefault("100")
    int batchSize();

    /** How long the relay waits for the broker's acknowledgement of a batch. */
    @WithDefault("30s")
    Duration sendTimeout();
}
