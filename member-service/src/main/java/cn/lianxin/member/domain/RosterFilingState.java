package cn.lianxin.member.domain;

/**
 * 花名册备案: the states of a branch's roster filing for a year. FILED waits for the superior committee, which
 * acknowledges it (ACKNOWLEDGED, kept on record: final) or returns it with remarks (RETURNED: final for this version;
 * the branch files again as a new version). A FILED or ACKNOWLEDGED filing is the (branch, year)'s active one.
 */
public enum RosterFilingState {
    FILED,
    ACKNOWLEDGED,
    RETURNED;

    /** A transition the state machine does not have. */
    public static final class IllegalTransition extends RuntimeException {
        public final RosterFilingState from;
        public final String action;

        IllegalTransition(RosterFilingState from, String action) {
            super("a " + from + " roster filing cannot be " + action, null, false, false);
            this.from = from;
            this.action = action;
        }
    }

    /** 备案留存: only a FILED filing is acknowledged. */
    public RosterFilingState acknowledge() {
        if (this != FILED) {
            throw new IllegalTransition(this, "acknowledged");
        }
        return ACKNOWLEDGED;
    }

    /** 退回: only a FILED filing is returned (an acknowledged one stays on record). */
    public RosterFilingState returnToBranch() {
        if (this != FILED) {
            throw new IllegalTransition(this, "returned");
        }
        return RETURNED;
    }

    /** Whether this filing stands for its (branch, year): then the branch may not file again. */
    public boolean isActive() {
        return this == FILED || this == ACKNOWLEDGED;
    }
}
