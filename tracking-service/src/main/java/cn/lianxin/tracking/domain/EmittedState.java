package cn.lianxin.tracking.domain;

/**
 * The states a scan announces, as ContactRestored names them when a REACHED contact ends them (T8). An emission
 * is recorded under its clock rule, or under {@link #SELF_WITHDRAWAL_RULE} for T6 (two clocks, one event).
 */
public enum EmittedState {
    CONTACT_MISSED, UNCONTROLLED, LOST_CONTACT_SUSPECTED, SELF_WITHDRAWAL_SUSPECTED, DUES_ARREARS;

    public static final String SELF_WITHDRAWAL_RULE = "SELF_WITHDRAWAL";

    public static EmittedState ofRule(String rule) {
        return switch (rule) {
            case "LIAISON_MONTHLY", "QUARTERLY" -> CONTACT_MISSED;
            case "UNCONTROLLED" -> UNCONTROLLED;
            case "LOST" -> LOST_CONTACT_SUSPECTED;
            case SELF_WITHDRAWAL_RULE, "ORG_LIFE_ABSENCE", "DUES_ABSENCE" -> SELF_WITHDRAWAL_SUSPECTED;
            case "DUES_ARREARS" -> DUES_ARREARS;
            default -> throw new IllegalArgumentException("no emitted state for rule " + rule);
        };
    }
}
