package cn.lianxin.tracking.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.domain.ClockStatus;
import cn.lianxin.tracking.domain.ContactState;

/** Bodies of the clock read models: a member's status, the overdue work list, compliance per org. */
public final class StatusViews {

    private StatusViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClockView(ClockRule rule, Instant startedAt, Instant dueAt, Instant graceUntil, ClockStatus status,
            long daysOverdue) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactStatus(UUID memberId, UUID orgId, Instant asOf, ContactState state, boolean flowing,
            Instant lastReachedAt, Instant lastOrgLifeAt, Instant lastDuesAt, Instant lastAttemptAt,
            List<ClockView> clocks) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkItem(UUID memberId, UUID orgId, ContactState state, ClockRule reason, String advice,
            Instant dueAt, long daysOverdue, Instant lastReachedAt, String liaisonName, String liaisonPhone) {
    }

    /** Counts by state; {@code members} excludes the exempt, and 联系率 counts the self-withdrawal suspects as reachable. */
    public record ComplianceFigures(UUID orgId, String name, long members, long inContact, long due, long overdue,
            long uncontrolled, long lostSuspected, long selfWithdrawalSuspected, long exempt, double contactRate) {
    }

    public record Compliance(Instant asOf, ComplianceFigures subtree, List<ComplianceFigures> children) {
    }
}
