package cn.lianxin.tracking.domain;

import java.time.Instant;

/** RUNNING: not due yet; DUE: threshold reached; OVERDUE: also past the grace period (T3). */
public enum ClockStatus {
    RUNNING, DUE, OVERDUE;

    /** A clock's status as of an instant; {@code graceUntil} is null for rules without a grace period. */
    public static ClockStatus of(Instant dueAt, Instant graceUntil, Instant asOf) {
        if (asOf.isBefore(dueAt)) {
            return RUNNING;
        }
        return graceUntil != null && !asOf.isBefore(graceUntil) ? OVERDUE : DUE;
    }
}
