package cn.lianxin.platform.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How long an {@code Idempotency-Key} answers with its first response ({@link Idempotency}). */
@ConfigMapping(prefix = "lianxin.idempotency")
public interface IdempotencyConfig {

    /** A key used again within this time replays the first response; after it, the key is free again. */
    @WithDefault("PT24H")
    Duration expiry();

    /** Expired keys deleted by each new key (no scheduled job needed: the table holds about one expiry's worth). */
    @WithName("purge-batch-size")
    @WithDefault("100")
    int purgeBatchSize();
}
