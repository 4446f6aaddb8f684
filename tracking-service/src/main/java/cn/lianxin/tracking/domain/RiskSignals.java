package cn.lianxin.tracking.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What one member's loss-risk score is computed from, as of an instant: only facts recorded up to {@code asOf} (later
 * ones are left out by whoever gathers them, or by {@link LossRisk}).
 *
 * @param registeredAt         registration: where the clocks start when the member was never reached
 * @param restartedAt          the latest restoration to ACTIVE, if any: no clock starts earlier
 * @param reached              REACHED contacts (any channel; the latest few days of them suffice)
 * @param notReached           NOT_REACHED contacts (those after the last REACHED one and within the window count)
 * @param failedDeliveries     notifications to the member whose address was refused
 * @param contactUnconfirmedSince when member-service found the member's contact details unconfirmed (its rule, its
 *                             period: ContactVerificationDue), if no confirmation came since; null otherwise
 * @param flowingSince         the first day of an open outflow not reported in (报到) by {@code asOf}; null otherwise
 * @param transferIssuedOn     the day a transfer letter (介绍信) in transit was issued; null when none (or not known)
 * @param transferReceiptDueOn the last day the receipt (回执) of a transfer in transit is due; null when none
 * @param losses               when the member's lost-contact cases were opened (or reopened)
 * @param missedFollowUps      when the missed follow-up visits (回访) were due
 * @param openCaseSince        the opening of the case open at {@code asOf}, if any
 */
public record RiskSignals(Instant asOf, Instant registeredAt, Instant restartedAt, List<Instant> reached,
        List<Attempt> notReached, List<Attempt> failedDeliveries, Instant contactUnconfirmedSince, LocalDate flowingSince, LocalDate transferIssuedOn,
        LocalDate transferReceiptDueOn,
        List<Instant> losses, List<Instant> missedFollowUps, Instant openCaseSince) {

    /** A contact that did not reach the member, or a notification that did not reach them, on a channel. */
    public record Attempt(Instant at, String channel) {
    }

    public RiskSignals {
        reached = List.copyOf(reached);
        notReached = List.copyOf(notReached);
        failedDeliveries = List.copyOf(failedDeliveries);
        losses = List.copyOf(losses);
        missedFollowUps = List.copyOf(missedFollowUps);
    }
}
