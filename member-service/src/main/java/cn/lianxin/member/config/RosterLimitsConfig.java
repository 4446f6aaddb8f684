package cn.lianxin.member.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Bounds of a roster (花名册) upload, checked while streaming (the body to a temporary file, each part inflated into
 * a small buffer), before the workbook reader sees it: a zip bomb is refused with 413 problem+json naming the limit.
 * The defaults leave room for a real 100,000-row roster (about 11 MB compressed with addresses filled in; its largest
 * parts, the sheet and the shared strings, about 65 MB each inflated).
 */
@ConfigMapping(prefix = "lianxin.member.roster")
public interface RosterLimitsConfig {

    /** The upload itself (the compressed .xlsx). */
    @WithDefault("32M")
    MemorySize maxUploadSize();

    /**
     * Inflated size of every part (zip entry) of the workbook. The reader keeps the shared strings it has read in
     * memory, so this also bounds what one upload can take of the heap.
     */
    @WithDefault("128M")
    MemorySize maxPartSize();

    /** Smallest compressed/inflated ratio of a part and of the whole file, checked once past 1 MB inflated. */
    @WithDefault("0.01")
    double minInflateRatio();

    /** Longest text between two markup characters in an XML part (Excel's own cell limit is 32,767 characters). */
    @WithDefault("1M")
    MemorySize maxTextSize();

    /** Data rows (non-blank rows under the header row) of the first sheet. */
    @WithDefault("100000")
    int maxRows();

    /** Imports read at once by one instance (see RosterImportSlots); others wait for a slot. */
    @WithDefault("2")
    int maxConcurrentImports();

    /** How long an import waits for a slot before it gets 503 with Retry-After. */
    @WithDefault("PT10S")
    Duration importSlotWait();

    /** How often a running import job records its progress and that it is alive (its heartbeat). */
    @WithDefault("PT2S")
    Duration jobHeartbeat();

    /**
     * A queued or running import job whose heartbeat is older than this is ABANDONED: the instance running it stopped
     * (its upload was a local file, so no other instance can take it over). Well above {@link #jobHeartbeat()}.
     */
    @WithDefault("PT1M")
    Duration jobAbandonedAfter();
}
