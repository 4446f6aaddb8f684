package cn.lianxin.tracking.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * The warning ladder (docs/domain.md §2): a member hears the quarterly reminder (T2), then the secretary hears the
 * escalation (T3), and only then is the member declared lost (T5) — T2 due &lt; T2 due + T3 grace &lt; T5; a flow
 * member's liaison is due (T1) no later than the member counts as uncontrolled (T4). Periods are compared on every
 * start day of a leap year and a common year, because months have different lengths (P1M + P30D is not P2M).
 */
public final class WarningLadder {

    /** A threshold with the configuration key that sets it, so that a refusal names what to change. */
    public record Rung(String key, Period period) {
        @Override
        public String toString() {
            return key + " (" + period + ")";
        }
    }

    private static final LocalDate FIRST_START = LocalDate.of(2023, 1, 1);
    private static final LocalDate LAST_START = LocalDate.of(2024, 12, 31);

    private WarningLadder() {
    }

    /** Every way the ladder is out of order, each naming its keys; empty when it is in order. */
    public static List<String> violations(Rung liaisonMonthly, Rung quarterly, Rung grace, Rung uncontrolled, Rung lost) {
        List<String> violations = new ArrayList<>();
        if (!always(quarterly.period(), Period.ZERO, quarterly.period(), grace.period())) {
            violations.add(grace + " must be longer than zero: the escalation comes after the reminder of " + quarterly);
        }
        if (!always(quarterly.period(), grace.period(), lost.period(), Period.ZERO)) {
            violations.add(lost + " must be longer than " + quarterly + " + " + grace
                    + ": a member is declared lost only after the reminder and the escalation");
        }
        if (sometimesBefore(uncontrolled.period(), liaisonMonthly.period())) {
            violations.add(uncontrolled + " must not be shorter than " + liaisonMonthly
                    + ": the liaison is due before a flow member counts as uncontrolled");
        }
        return violations;
    }

    /** Whether {@code first + firstExtra} falls strictly before {@code second + secondExtra} from every start day. */
    private static boolean always(Period first, Period firstExtra, Period second, Period secondExtra) {
        for (LocalDate start = FIRST_START; !start.isAfter(LAST_START); start = start.plusDays(1)) {
            if (!start.plus(first).plus(firstExtra).isBefore(start.plus(second).plus(secondExtra))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code earlier} falls strictly before {@code later} from some start day. */
    private static boolean sometimesBefore(Period earlier, Period later) {
        for (LocalDate start = FIRST_START; !start.isAfter(LAST_START); start = start.plusDays(1)) {
            if (start.plus(earlier).isBefore(start.plus(later))) {
                return true;
            }
        }
        return false;
    }
}
