package cn.lianxin.platform.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How long the platform tables keep rows that have done their job ({@link RetentionJob}). */
@ConfigMapping(prefix = "lianxin.retention")
public interface RetentionConfig {

    /** Published outbox rows are deleted this long after they were published. */
    @WithDefault("P7D")
    Duration outbox();

    /**
     * Processed-event rows are deleted this long after the event was applied. Keep it well above the longest time a
     * redelivery can arrive (consumer lag, a replay from the broker's retention): an event older than this, delivered
     * again, would be applied again.
     */
    @WithName("processed-events")
    @WithDefault("P30D")
    Duration processedEvents();

    /** Rows deleted per statement (each in its own short transaction). */
    @WithName("batch-size")
    @WithDefault("1000")
    int batchSize();

    /** When the job runs (a cron expression or {@code off}). */
    @WithDefault("0 15 3 * * ?")
    String cron();
}
