package cn.lianxin.member.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * An ID number found already registered (registration, roster import, correction) is a "duplicate hit": each one is
 * audited in {@code id_number_duplicate_hit}, and a caller with more than {@link #maxPerWindow} hits within
 * {@link #window} gets 429, so that the ID number cannot be used as an oracle in bulk.
 */
@ConfigMapping(prefix = "lianxin.member.duplicate-hits")
public interface DuplicateHitsConfig {

    /** Duplicate hits a caller may have within the window; the next one answers 429 (and is still audited). */
    @WithDefault("20")
    int maxPerWindow();

    /** The sliding window (ISO-8601 duration). */
    @WithDefault("PT1H")
    Duration window();
}
