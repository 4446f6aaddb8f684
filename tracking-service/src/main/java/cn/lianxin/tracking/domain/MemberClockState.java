package cn.lianxin.tracking.domain;

import java.time.Instant;

/**
 * What the clocks of one member depend on.
 *
 * @param registeredAt       registration: where a clock starts when the member never met its obligation
 * @param restartedAt        the latest restoration to ACTIVE, if any: no clock starts earlier
 * @param leftAt             start of the open outflow (null when not flowing)
 * @param reportedInAt       report-in at the destination for the open outflow, if any: it ends T4 and, as a
 *                           REACHED contact would, restarts T1
 * @param lastDirectReachedAt last REACHED person-to-person contact (T1)
 */
public record MemberClockState(
        boolean exempt,
        Instant registeredAt,
        Instant restartedAt,
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
