package cn.lianxin.tracking.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.lianxin.tracking.domain.ClockRule;

/** Bodies of the clock read models: a member's status, the overdue work list, compliance per org. */
public final class StatusDtos {

    private StatusDtos() {
    }

    /** IN_CONTACT | DUE | OVERDUE | UNCONTROLLED | LOST_SUSPECTED | EXEMPT, most serious first when several hold. */
    public enum ContactState {
        IN_CONTACT, DUE, OVERDUE, UNCONTROLLED, LOST_SUSPECTED, EXEMPT
    }

    /** RUNNING: not due yet; DUE: threshold reached; OVERDUE: also past the grace period (T3). */
    public enum ClockStatus {
        RUNNING, DUE, OVERDUE
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
    public record WorkItem(UUID memberId, UUID orgId, ContactState state, ClockRule reason, Instant dueAt,
            long daysOverdue, Instant lastReachedAt, String liaisonName, String liaisonPhone) {
    }

    public record ComplianceFigures(UUID orgId, String name, long members, long inContact, long due, long overdue,
            long uncontrolled, long lostSuspected, long exempt, double contactRate) {
    }

    public record Compliance(Instant asOf, ComplianceFigures subtree, List<ComplianceFigures> children) {
    }
}
