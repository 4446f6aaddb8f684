package cn.lianxin.platform.time;

import java.time.Duration;
import java.time.OffsetDateTime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The instants a scan ({@code POST /api/v1/scans}) may be run at ({@link ScanAsOf}). Environment variables:
 * {@code LIANXIN_SCANS_AS_OF_MAX_FUTURE_SKEW}, {@code LIANXIN_SCANS_AS_OF_EARLIEST}.
 */
@ConfigMapping(prefix = "lianxin.scans.as-of")
public interface ScanAsOfConfig {

    /**
     * How far past the service's clock an {@code asOf} may lie: a caller's clock a little ahead of ours (or the
     * scheduler of another instance) is not an attack, but a scan in the future writes findings, escalations and
     * notifications dated in the future that no later scan can take back.
     */
    @WithName("max-future-skew")
    @WithDefault("PT5M")
    Duration maxFutureSkew();

    /**
     * The earliest instant a scan may be run at: the founding of the Party (1 July 1921, Beijing time), before which no
     * member, contact or case can exist. Backfill over older history is legitimate (rosters carry joining dates decades
     * back), so the floor is this fixed instant, not the first stored record.
     */
    @WithDefault("1921-07-01T00:00:00+08:00")
    OffsetDateTime earliest();
}
