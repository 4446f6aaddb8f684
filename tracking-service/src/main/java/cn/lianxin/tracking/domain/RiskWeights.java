package cn.lianxin.tracking.domain;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * The weights of the loss-risk score and the "at risk" threshold, as a city sets them ({@code lianxin.tracking.risk.*};
 * the names below are the keys' last parts).
 *
 * @param threshold              a member with at least this total is at risk (on the at-risk list)
 * @param rhythmGaps             the usual rhythm is the median of this many latest gaps between REACHED contacts
 * @param rhythmMinGaps          with fewer gaps than this, the rhythm is the quarterly obligation (T2)
 * @param rhythmFloorDays        a rhythm shorter than this counts as this (weekly org life is no reason to worry after
 *                               ten quiet days)
 * @param silencePerRhythm       points for each usual rhythm of silence beyond the first
 * @param silenceMax             at most this many points of silence
 * @param notReachedWindow       NOT_REACHED contacts count within this window before the instant
 * @param notReachedEach         points for each of them
 * @param notReachedMax          at most this many points
 * @param failedDeliveriesWindow failed deliveries count within this window
 * @param failedDeliveriesEach   points for each
 * @param failedDeliveriesMax    at most this many points
 * @param contactUnconfirmed     points for contact details unconfirmed (member-service's ContactVerificationDue)
 * @param flowingWithoutReportIn points for an outflow without report-in
 * @param transferInTransit      points for a transfer letter issued whose receipt is not back yet (not yet overdue)
 * @param transferReceiptOverdue points for a transfer whose receipt is overdue
 * @param previousLossesEach     points for each earlier loss
 * @param previousLossesMax      at most this many points
 * @param missedFollowUpsWindow  missed follow-ups count within this window
 * @param missedFollowUpsEach    points for each
 * @param missedFollowUpsMax     at most this many points
 */
public record RiskWeights(int threshold, int rhythmGaps, int rhythmMinGaps, int rhythmFloorDays, int silencePerRhythm,
        int silenceMax, Period notReachedWindow, int notReachedEach, int notReachedMax, Period failedDeliveriesWindow,
        int failedDeliveriesEach, int failedDeliveriesMax, int contactUnconfirmed, int flowingWithoutReportIn, int transferInTransit,
        int transferReceiptOverdue,
        int previousLossesEach, int previousLossesMax, Period missedFollowUpsWindow, int missedFollowUpsEach,
        int missedFollowUpsMax) {

    /** Every way these weights make no sense, each naming its keys ({@code keyPrefix} + last part); empty when sound. */
    public List<String> violations(String keyPrefix) {
        List<String> violations = new ArrayList<>();
        positive(violations, keyPrefix, "threshold", threshold);
        positive(violations, keyPrefix, "rhythm-gaps", rhythmGaps);
        positive(violations, keyPrefix, "rhythm-min-gaps", rhythmMinGaps);
        if (rhythmMinGaps > rhythmGaps) {
            violations.add(keyPrefix + "rhythm-min-gaps (" + rhythmMinGaps + ") must not exceed " + keyPrefix
                    + "rhythm-gaps (" + rhythmGaps + ")");
        }
        positive(violations, keyPrefix, "rhythm-floor-days", rhythmFloorDays);
        capped(violations, keyPrefix, "silence", silencePerRhythm, silenceMax);
        window(violations, keyPrefix, "not-reached-window", notReachedWindow);
        capped(violations, keyPrefix, "not-reached", notReachedEach, notReachedMax);
        window(violations, keyPrefix, "failed-deliveries-window", failedDeliveriesWindow);
        capped(violations, keyPrefix, "failed-deliveries", failedDeliveriesEach, failedDeliveriesMax);
        notNegative(violations, keyPrefix, "contact-unconfirmed", contactUnconfirmed);
        notNegative(violations, keyPrefix, "flowing-without-report-in", flowingWithoutReportIn);
        notNegative(violations, keyPrefix, "transfer-in-transit", transferInTransit);
        notNegative(violations, keyPrefix, "transfer-receipt-overdue", transferReceiptOverdue);
        capped(violations, keyPrefix, "previous-losses", previousLossesEach, previousLossesMax);
        window(violations, keyPrefix, "missed-follow-ups-window", missedFollowUpsWindow);
        capped(violations, keyPrefix, "missed-follow-ups", missedFollowUpsEach, missedFollowUpsMax);
        return violations;
    }

    private static void positive(List<String> violations, String prefix, String key, int value) {
        if (value <= 0) {
            violations.add(prefix + key + " (" + value + ") must be positive");
        }
    }

    private static void notNegative(List<String> violations, String prefix, String key, int value) {
        if (value < 0) {
            violations.add(prefix + key + " (" + value + ") must not be negative");
        }
    }

    private static void capped(List<String> violations, String prefix, String signal, int each, int max) {
        String eachKey = signal.equals("silence") ? "silence-per-rhythm" : signal + "-each";
        notNegative(violations, prefix, eachKey, each);
        if (max < each) {
            violations.add(prefix + signal + "-max (" + max + ") must not be less than " + prefix + eachKey + " (" + each
                    + ")");
        }
    }

    private static void window(List<String> violations, String prefix, String key, Period window) {
        if (window == null || window.isZero() || window.isNegative()) {
            violations.add(prefix + key + " (" + window + ") must be longer than zero");
        }
    }
}
