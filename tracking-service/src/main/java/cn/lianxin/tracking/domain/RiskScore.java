package cn.lianxin.tracking.domain;

import java.time.Instant;
import java.util.List;

/**
 * A member's loss-risk score as of an instant: the total of the contributions, each a signal with its points and a
 * sentence that explains it with its numbers ("60 天内 2 次联系未联系上（电话 2 次）: +18").
 *
 * @param atRisk        the total reaches the threshold
 * @param lost          the clocks have already fired: lost contact is suspected (T5) or a case is open since the last
 *                      REACHED contact; such a member is on the lost work list and in a case file, not on the at-risk
 *                      list
 * @param overdue       the quarterly contact (T2) is already due: the reminder has gone out
 * @param silentDays    days since the last REACHED contact (since registration or restoration when none)
 * @param rhythmDays    the member's usual days between REACHED contacts (the quarter when too few)
 * @param rhythmKnown   whether the rhythm comes from the member's own contacts
 */
public record RiskScore(int total, boolean atRisk, boolean lost, boolean overdue, Instant lastReachedAt,
        long silentDays, long rhythmDays, boolean rhythmKnown, List<Contribution> contributions) {

    /** One signal's share of the score: its points and the sentence that says why. */
    public record Contribution(RiskSignal signal, int points, String text) {
    }

    public RiskScore {
        contributions = List.copyOf(contributions);
    }
}
