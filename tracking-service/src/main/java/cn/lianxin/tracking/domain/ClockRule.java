package cn.lianxin.tracking.domain;

/** The clocks kept per member (docs/domain.md §2); each row of table {@code clock} is one of these. */
public enum ClockRule {
    /** T1: the liaison reaches a flow member every month; escalates after grace (T3). */
    LIAISON_MONTHLY(true),
    /** T2: a REACHED contact of any channel every quarter; escalates after grace (T3). */
    QUARTERLY(true),
    /** T4: flow member away without report-in or REACHED contact (失控). */
    UNCONTROLLED(false),
    /** T5: no REACHED contact at all (失联 suspected). */
    LOST(false),
    /** T6, first half: no org life (组织生活). */
    ORG_LIFE_ABSENCE(false),
    /** T6, second half: no dues (党费). */
    DUES_ABSENCE(false),
    /** T7: dues arrears warning. */
    DUES_ARREARS(false);

    private final boolean escalates;

    ClockRule(boolean escalates) {
        this.escalates = escalates;
    }

    /** Whether a missed obligation of this rule gets a second, ESCALATED notice after the grace period. */
    public boolean escalates() {
        return escalates;
    }
}
