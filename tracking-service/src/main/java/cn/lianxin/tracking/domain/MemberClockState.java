package cn.lianxin.tracking.domain;

import java.time.Instant;

/**
 * What the clocks of one member depend on.
 *
 * @param clocksSince        registration, or the latest restoration to ACTIVE: no clock starts earlier
 * @param leftAt             start of the open outflow (null when not flowing)
 * @param reportedInAt       report-in at the destination for the open outflow, if any
 * @param lastDirectReachedAt last REACHED person-to-person contact (T1)
 */
public record MemberClockState(
        boolean exempt,
        Instant clocksSince,
        Instant leftAt,
        Instant reportedInAt,
        Instant lastReachedAt,
        Instant lastDirectReachedAt,
        Instant lastOrgLifeAt,
        Instant lastDuesAt) {

    public boolean flowing() {
        return leftAt != null;
    }
}
