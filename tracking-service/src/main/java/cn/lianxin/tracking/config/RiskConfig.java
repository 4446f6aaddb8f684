package cn.lianxin.tracking.config;

import java.time.Period;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import cn.lianxin.tracking.domain.RiskWeights;

/**
 * The weights of the loss-risk score (流失风险) and the threshold of the at-risk list, so that a city can weigh the
 * signals by its own experience; checked at start-up ({@code RiskWeightsCheck}). Points are whole numbers; windows are
 * ISO-8601 periods counted back from the instant the score is computed as of.
 */
@ConfigMapping(prefix = "lianxin.tracking.risk")
public interface RiskConfig {

    /** A member whose score reaches this is at risk (on the at-risk list). */
    @WithDefault("30")
    int threshold();

    /** The usual rhythm is the median of this many latest gaps between days with a REACHED contact. */
    @WithDefault("5")
    int rhythmGaps();

    /** With fewer gaps than this the rhythm is the quarterly obligation (T2, lianxin.tracking.quarterly). */
    @WithDefault("2")
    int rhythmMinGaps();

    /** A shorter usual rhythm counts as this many days. */
    @WithDefault("14")
    int rhythmFloorDays();

    /** Points for each usual rhythm of silence beyond the first (silent for three rhythms: twice this). */
    @WithDefault("20")
    int silencePerRhythm();

    @WithDefault("40")
    int silenceMax();

    /** NOT_REACHED contacts since the last REACHED one count within this window. */
    @WithDefault("P60D")
    Period notReachedWindow();

    @WithDefault("9")
    int notReachedEach();

    @WithDefault("27")
    int notReachedMax();

    /** Notifications to the member refused at their address (NotificationFailed) count within this window. */
    @WithDefault("P90D")
    Period failedDeliveriesWindow();

    @WithDefault("8")
    int failedDeliveriesEach();

    @WithDefault("16")
    int failedDeliveriesMax();

    /**
     * Points for contact details nobody confirmed for member-service's period (ContactVerificationDue, until
     * ContactDetailsConfirmed; the period is member-service's lianxin.member.contact-health.unconfirmed-after). Below a
     * failed delivery's 8: an old detail may still work, a refused one does not.
     */
    @WithDefault("6")
    int contactUnconfirmed();

    /** Points for flowing without having reported in at the destination (报到). */
    @WithDefault("15")
    int flowingWithoutReportIn();

    /** Points for a transfer letter issued (TransferIssued) whose receipt (回执) is not back yet, nor overdue. */
    @WithDefault("6")
    int transferInTransit();

    /** Points for a transfer letter whose receipt is overdue (its due day is past, until MemberTransferred). */
    @WithDefault("12")
    int transferReceiptOverdue();

    /** Points for each earlier lost-contact case (CaseOpened, reopenings included). */
    @WithDefault("12")
    int previousLossesEach();

    @WithDefault("24")
    int previousLossesMax();

    /** Missed follow-up visits (FollowUpMissed) count within this window. */
    @WithDefault("P1Y")
    Period missedFollowUpsWindow();

    @WithDefault("8")
    int missedFollowUpsEach();

    @WithDefault("24")
    int missedFollowUpsMax();

    default RiskWeights weights() {
        return new RiskWeights(threshold(), rhythmGaps(), rhythmMinGaps(), rhythmFloorDays(), silencePerRhythm(),
                silenceMax(), notReachedWindow(), notReachedEach(), notReachedMax(), failedDeliveriesWindow(),
                failedDeliveriesEach(), failedDeliveriesMax(), contactUnconfirmed(), flowingWithoutReportIn(), transferInTransit(),
                transferReceiptOverdue(),
                previousLossesEach(), previousLossesMax(), missedFollowUpsWindow(), missedFollowUpsEach(),
                missedFollowUpsMax());
    }
}
