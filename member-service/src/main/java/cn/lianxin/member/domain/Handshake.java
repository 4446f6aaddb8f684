package cn.lianxin.member.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The two-sided handshake of an outflow (流动党员报到) and of a transfer (组织关系转接回执): the sending side
 * has told the receiving org, which confirms — the report-in (报到) or the receipt (回执) — by a deadline. One
 * definition of the deadlines and of the states, used by the register, the handshake list and the member scan
 * (whose SQL is kept in step with it by a table-driven test).
 *
 * <ul>
 *   <li>the report-in of an outflow is due {@code reportInDeadline} after the day the member left (default one month,
 *       {@code lianxin.member.report-in-deadline});</li>
 *   <li>the receipt of a transfer letter is due at the end of the letter's validity (rule M1: {@code P3M}, {@code P6M}
 *       across provinces);</li>
 *   <li>unconfirmed after the due day: {@link State#OVERDUE} — both sides are reminded; {@code grace} later still
 *       unconfirmed: {@link State#ESCALATED} — the superior org of the sending side hears of it.</li>
 * </ul>
 */
public final class Handshake {

    private Handshake() {
    }

    /** What a handshake is: the report-in of an outflow or the receipt of a transfer. */
    public enum Kind {
        /** 流动党员报到: the receiving org at the destination confirms the member reported in. */
        OUTFLOW,
        /** 组织关系转接: the receiving org confirms the receipt (回执) of the transfer letter. */
        TRANSFER
    }

    /** A side of a handshake: the org that told (the member left it, it issued the letter), or the org that confirms. */
    public enum Side {
        SENDING, RECEIVING
    }

    public enum State {
        /** Told, not yet confirmed, the due day not past. */
        AWAITING_CONFIRMATION,
        /** The receiving side confirmed (报到 or 回执). */
        CONFIRMED,
        /** Not confirmed by the due day: both sides are reminded. */
        OVERDUE,
        /** Still not confirmed a grace period after the due day: the sending side's superior org is told. */
        ESCALATED
    }

    /**
     * One handshake as both sides see it: the outflow or transfer ({@code id}), the member, the sending branch, the
     * receiving org (its id when it is in this system; its name in any case when known), the day it started (left,
     * letter issued), the due day, the confirmation (null while none) and its state as of a day.
     */
    public record Entry(Kind kind, UUID id, UUID memberId, String memberName, UUID sendingOrgId, UUID receivingOrgId,
            String receivingOrgName, LocalDate startedAt, LocalDate dueAt, Instant confirmedAt, State state) {
    }

    /** The last day the report-in of an outflow is due. */
    public static LocalDate reportInDue(LocalDate leftAt, Period reportInDeadline) {
        return leftAt.plus(reportInDeadline);
    }

    /** The last day the receipt of a transfer letter is due: the end of its validity (rule M1). */
    public static LocalDate receiptDue(LocalDate issuedAt, Period validity) {
        return issuedAt.plus(validity);
    }

    /** The letter validity that applies (rule M1): longer across provinces. */
    public static Period receiptValidity(boolean crossProvince, Period validity, Period crossProvinceValidity) {
        return crossProvince ? crossProvinceValidity : validity;
    }

    /** Whether the confirmation is overdue on {@code today}: unconfirmed and the due day is past. */
    public static boolean overdue(boolean confirmed, LocalDate dueAt, LocalDate today) {
        return !confirmed && today.isAfter(dueAt);
    }

    /** Whether the sending side's superior org is to be told on {@code today}: unconfirmed and the grace is past too. */
    public static boolean escalated(boolean confirmed, LocalDate dueAt, Period grace, LocalDate today) {
        return !confirmed && today.isAfter(dueAt.plus(grace));
    }

    public static State state(boolean confirmed, LocalDate dueAt, Period grace, LocalDate today) {
        if (confirmed) {
            return State.CONFIRMED;
        }
        if (escalated(false, dueAt, grace, today)) {
            return State.ESCALATED;
        }
        return overdue(false, dueAt, today) ? State.OVERDUE : State.AWAITING_CONFIRMATION;
    }

    /** Whole days past the due day on {@code today}; 0 while not past. */
    public static long daysOverdue(LocalDate dueAt, LocalDate today) {
        return Math.max(0, ChronoUnit.DAYS.between(dueAt, today));
    }
}
