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
        UUID liaisonMemberId, // the liaison's own member id; null for a cadre who is not a member, or no liaison
        Instant registeredAt,
        Instant restartedAt,
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
        return new MemberClockState(exempt(), registeredAt, restartedAt,
                outflowId == null || leftAt == null ? null : ShanghaiCalendar.startOfDay(leftAt),
                outflowId == null ? null : reportedInAt,
                lastReachedAt, lastDirectReachedAt, lastOrgLifeAt, lastDuesAt);
    }

    /**
     * The member as they stood at {@code asOf}, as far as the contact log and the open outflow tell: the last
     * contacts are those recorded up to then; an outflow that started, or a report-in that came, later did not yet
     * count. (Standing and organization are the projection's current ones: it keeps no history of them.)
     */
    public MemberRecord asOf(Instant asOf, LastContacts last) {
        boolean flowingThen = outflowId != null && leftAt != null && !ShanghaiCalendar.startOfDay(leftAt).isAfter(asOf);
        return new MemberRecord(memberId, orgId, orgPath, standing, inRegister, liaisonMemberId, registeredAt, restartedAt,
                flowingThen ? outflowId : null, flowingThen ? leftAt : null,
                flowingThen && reportedInAt != null && !reportedInAt.isAfter(asOf) ? reportedInAt : null,
                last.reachedAt(), last.directReachedAt(), last.orgLifeAt(), last.duesAt(), last.attemptAt());
    }

    /** Whether the member is inside the subtree whose org id is {@code orgId}. */
    public boolean isUnder(UUID orgId) {
        return orgPath.contains("/" + orgId + "/");
    }

    /** Whether this member is assigned to the liaison (联络员) whose own member id is {@code liaison}. */
    public boolean isAssignedTo(UUID liaison) {
        return liaison.equals(liaisonMemberId);
    }
}
