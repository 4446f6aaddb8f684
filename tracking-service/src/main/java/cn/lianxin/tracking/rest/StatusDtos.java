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

    /**
     * IN_CONTACT | DUE | OVERDUE | UNCONTROLLED | LOST_SUSPECTED | SELF_WITHDRAWAL_SUSPECTED | EXEMPT; when several
     * hold, the most serious: lost, uncontrolled, overdue, due, then self-withdrawal suspected (T6: reachable, but
     * absent from org life or dues — a different path from lost contact, R1).
     */
    public enum ContactState {
        IN_CONTACT(null),
        DUE("到期：本期联系尚未完成 — due: make this period's contact"),
        OVERDUE("逾期：已提醒支部书记，请立即联系 — overdue past the grace period: contact now, the secretary was told"),
        UNCONTROLLED("失控：联系流动党员并督促其到流入地报到 — uncontrolled: reach the flow member and have them report in"),
        LOST_SUSPECTED("疑似失联：开始查找 — suspected lost: start the search"),
        SELF_WITHDRAWAL_SUSPECTED("能联系但长期不参加组织生活或不交党费：谈心谈话，不要按失联查找 — reachable but absent: "
                + "talk to them, do not search for them"),
        EXEMPT(null);

        private final String advice;

        ContactState(String advice) {
            this.advice = advice;
        }

        /** What the work list tells whoever acts on the item. */
        public String advice() {
            return advice;
        }
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
