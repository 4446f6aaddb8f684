package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import cn.lianxin.platform.time.ShanghaiCalendar;
import cn.lianxin.tracking.domain.MemberClockState;
import cn.lianxin.tracking.domain.Standing;

/** A row of this service's member projection. */
public record MemberRecord(
        UUID memberId,
        UUID orgId,
        String orgPath,
        Standing standing,
        boolean inRegister,
        String liaisonJson,
        Instant registeredAt,
        Instant clocksSince,
        UUID outflowId,
        LocalDate leftAt,
        Instant reportedInAt,
        Instant lastReachedAt,
        Instant lastDirectReachedAt,
        Instant lastOrgLifeAt,
        Instant lastDuesAt,
        Instant lastAttemptAt) {

    public boolean exempt() {
        return standing.isExempt() || !inRegister;
    }

    public MemberClockState clockState() {
        return new MemberClockState(exempt(), clocksSince,
                outflowId == null || leftAt == null ? null : ShanghaiCalendar.startOfDay(leftAt),
                outflowId == null ? null : reportedInAt,
                lastReachedAt, lastDirectReachedAt, lastOrgLifeAt, lastDuesAt);
    }

    /** Whether the member is inside the subtree whose org id is {@code orgId}. */
    public boolean isUnder(UUID orgId) {
        return orgPath.contains("/" + orgId + "/");
    }
}
