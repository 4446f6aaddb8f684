package cn.lianxin.platform.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a consumer waits out a failure while applying an event (see {@link ConsumerRetry}). */
@ConfigMapping(prefix = "lianxin.events.retry")
public interface ConsumerRetryConfig {

    /** The wait before the second attempt; it doubles with each further attempt. */
    @WithDefault("PT0.5S")
    Duration firstDelay();

    /** The longest wait between two attempts, however long the outage. */
    @WithDefault("PT30S")
    Duration maxDelay();

    /**
     * Attempts at an event whose failure is not transient (a defect, or data the handler cannot apply) before it goes
     * to the dead-letter topic. A transient failure (the database out of reach) is retried as long as it lasts.
     */
    @WithDefault("3")
    int attemptsOnError();
}
