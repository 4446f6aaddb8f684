package cn.lianxin.tracking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.lianxin.tracking.domain.RiskScore.Contribution;
import cn.lianxin.tracking.domain.RiskSignals.Attempt;

/** The loss-risk score (流失风险) as a pure rule: every signal, its points, its sentence, and the edges. */
class LossRiskTest {

    /** The defaults of lianxin.tracking.risk.* (RiskConfig). */
    static final RiskWeights DEFAULTS = new RiskWeights(30, 5, 2, 14, 20, 40, Period.ofDays(60), 9, 27,
            Period.ofDays(90), 8, 16, 6, 15, 6, 12, 12, 24, Period.ofYears(1), 8, 24);

    /** docs/domain.md §2 defaults (quarterly P3M, lost P4M). */
    static final ClockPeriods PERIODS = new ClockPeriods(Period.ofMonths(1), Period.ofMonths(3), Period.ofDays(7),
            Period.ofMonths(1), Period.ofMonths(4), Period.ofMonths(6), Period.ofMonths(3));

    private static final Instant AS_OF = at("2027-06-01T10:00:00");
    private static final Instant REGISTERED = at("2025-01-10T09:00:00");

    private final LossRisk risk = new LossRisk(DEFAULTS, PERIODS);

    private static Instant at(String shanghai) {
        return OffsetDateTime.parse(shanghai + "+08:00").toInstant();
    }

    private static Instant daysBefore(int days) {
        return AS_OF.minus(java.time.Duration.ofDays(days));
    }

    /** REACHED contacts every {@code gap} days, the last one {@code silentDays} before AS_OF. */
    private static List<Instant> every(int gap, int silentDays, int count) {
        List<Instant> reached = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            reached.add(daysBefore(silentDays + i * gap));
        }
        return reached;
    }

    private static Signals signals() {
        return new Signals();
    }

    /** A builder of RiskSignals for the tests: nothing but registration unless told. */
    private static final class Signals {
        Instant asOf = AS_OF;
        Instant restartedAt;
        List<Instant> reached = List.of();
        List<Attempt> notReached = List.of();
        List<Attempt> failed = List.of();
        Instant contactUnconfirmedSince;
        LocalDate flowingSince;
        LocalDate transferIssuedOn;
        LocalDate transferDueOn;
        List<Instant> losses = List.of();
        List<Instant> missedFollowUps = List.of();
        Instant openCaseSince;

        RiskSignals build() {
            return new RiskSignals(asOf, REGISTERED, restartedAt, reached, notReached, failed, contactUnconfirmedSince, flowingSince,
                    transferIssuedOn, transferDueOn, losses, missedFollowUps, openCaseSince);
        }
    }

    private RiskScore assess(Signals s) {
        return risk.assess(s.build());
    }

    private static Contribution only(RiskScore score, RiskSignal signal) {
        return score.contributions().stream().filter(c -> c.signal() == signal).findFirst().orElseThrow();
    }

    private static boolean has(RiskScore score, RiskSignal signal) {
        return score.contributions().stream().anyMatch(c -> c.signal() == signal);
    }

    // --- silence against the member's rhythm ----------------------------------------------------------------------

    @Test
    void aMemberReachedWithinTheirUsualRhythmScoresNothing() {
        Signals s = signals();
        s.reached = every(30, 25, 6);

        RiskScore score = assess(s);

        assertThat(score.total()).isZero();
        assertThat(score.contributions()).isEmpty();
        assertThat(score.rhythmDays()).isEqualTo(30);
        assertThat(score.rhythmKnown()).isTrue();
        assertThat(score.atRisk()).isFalse();
    }

    @Test
    void silenceScoresForEachUsualRhythmBeyondTheFirstWithTheNumbersInWords() {
        Signals s = signals();
        s.reached = every(30, 75, 6);

        Contribution silence = only(assess(s), RiskSignal.SILENCE);

        assertThat(silence.points()).isEqualTo(30); // 75 days = 2.5 rhythms: 1.5 × 20
        assertThat(silence.text()).isEqualTo("已 75 天未联系上，平常约每 30 天联系上一次，已是 2.5 倍: +30");
    }

    @Test
    void silenceIsCappedAtItsMaximum() {
        Signals s = signals();
        s.reached = every(30, 110, 6);

        assertThat(only(assess(s), RiskSignal.SILENCE).points()).isEqualTo(40);
    }

    @Test
    void withFewerThanTwoGapsTheRhythmIsTheQuarter() {
        Signals s = signals();
        s.reached = List.of(daysBefore(100));

        RiskScore score = assess(s);

        assertThat(score.rhythmKnown()).isFalse();
        assertThat(score.rhythmDays()).isEqualTo(92); // 1 March to 1 June 2027
        assertThat(only(score, RiskSignal.SILENCE).text())
                .isEqualTo("已 100 天未联系上，联系记录不足，按每季度一次（92 天）计，已是 1.1 倍: +2");
    }

    @Test
    void aMemberNeverReachedIsSilentSinceRegistration() {
        Signals s = signals();
        s.asOf = at("2025-04-20T10:00:00"); // 100 days after registration, before T5

        RiskScore score = assess(s);

        assertThat(score.silentDays()).isEqualTo(100);
        assertThat(only(score, RiskSignal.SILENCE).text()).startsWith("登记以来 100 天未联系上");
        assertThat(score.lastReachedAt()).isNull();
    }

    @Test
    void aRhythmShorterThanTheFloorCountsAsTheFloor() {
        Signals s = signals();
        s.reached = every(7, 21, 6); // weekly org life, three weeks quiet

        RiskScore score = assess(s);

        assertThat(score.rhythmDays()).isEqualTo(14);
        assertThat(only(score, RiskSignal.SILENCE).points()).isEqualTo(10); // 21/14 - 1 = 0.5 rhythms
    }

    @Test
    void aRhythmLongerThanTheQuarterCountsAsTheQuarter() {
        Signals s = signals();
        s.asOf = at("2027-06-01T10:00:00");
        s.reached = every(150, 10, 3);

        assertThat(assess(s).rhythmDays()).isEqualTo(92);
    }

    @Test
    void theRhythmIsTheMedianOfTheLatestFiveGapsBetweenDays() {
        Signals s = signals();
        // gaps, latest first: 20, 20, 90, 20, 30, then an old one of 200 that is beyond the five
        s.reached = List.of(daysBefore(10), daysBefore(30), daysBefore(50), daysBefore(140), daysBefore(160),
                daysBefore(190), daysBefore(390));

        assertThat(assess(s).rhythmDays()).isEqualTo(20);
    }

    @Test
    void contactsOnTheSameDayAreOneDayOfTheRhythm() {
        Signals s = signals();
        List<Instant> reached = new ArrayList<>(every(30, 10, 4));
        every(30, 10, 4).forEach(at -> reached.add(at.plusSeconds(1800))); // dues paid half an hour after org life
        s.reached = reached;

        assertThat(assess(s).rhythmDays()).isEqualTo(30);
    }

    @Test
    void aRestorationToActiveRestartsTheSilence() {
        Signals s = signals();
        s.reached = every(30, 200, 4);
        s.restartedAt = daysBefore(20);

        RiskScore score = assess(s);

        assertThat(score.silentDays()).isEqualTo(20);
        assertThat(score.lost()).isFalse();
    }

    // --- contacts that did not reach the member -----------------------------------------------------------------

    @Test
    void noAnswerOnThePhoneTwiceIn60DaysScores18() {
        Signals s = signals();
        s.reached = every(30, 20, 6);
        s.notReached = List.of(new Attempt(daysBefore(10), "PHONE"), new Attempt(daysBefore(3), "PHONE"));

        Contribution attempts = only(assess(s), RiskSignal.NOT_REACHED_ATTEMPTS);

        assertThat(attempts.points()).isEqualTo(18);
        assertThat(attempts.text()).isEqualTo("60 天内 2 次联系未联系上（电话 2 次）: +18");
    }

    @Test
    void attemptsBeforeTheLastReachedContactOrBeforeTheWindowDoNotCount() {
        Signals s = signals();
        s.reached = every(30, 20, 6);
        s.notReached = List.of(new Attempt(daysBefore(25), "PHONE"), new Attempt(daysBefore(70), "VISIT"),
                new Attempt(daysBefore(5), "WECHAT"), new Attempt(AS_OF.plusSeconds(60), "PHONE"));

        Contribution attempts = only(assess(s), RiskSignal.NOT_REACHED_ATTEMPTS);

        assertThat(attempts.text()).isEqualTo("60 天内 1 次联系未联系上（微信 1 次）: +9");
    }

    @Test
    void attemptsAreCappedAndCountedByChannel() {
        Signals s = signals();
        s.reached = every(30, 50, 6);
        s.notReached = List.of(new Attempt(daysBefore(40), "PHONE"), new Attempt(daysBefore(30), "VISIT"),
                new Attempt(daysBefore(20), "PHONE"), new Attempt(daysBefore(10), "PHONE"));

        Contribution attempts = only(assess(s), RiskSignal.NOT_REACHED_ATTEMPTS);

        assertThat(attempts.points()).isEqualTo(27);
        assertThat(attempts.text()).isEqualTo("60 天内 4 次联系未联系上（电话 3 次、上门走访 1 次）: +27");
    }

    // --- the other signals --------------------------------------------------------------------------------------

    @Test
    void aNotificationRefusedAtTheMembersAddressScoresWithinItsWindow() {
        Signals s = signals();
        s.reached = every(30, 20, 6);
        s.failed = List.of(new Attempt(daysBefore(30), "SMS"), new Attempt(daysBefore(120), "EMAIL"));

        Contribution failed = only(assess(s), RiskSignal.FAILED_DELIVERIES);

        assertThat(failed.text()).isEqualTo("90 天内 1 次通知因地址无效或被拒未送达本人（短信 1 次）: +8");
    }

    @Test
    void contactDetailsUnconfirmedScoreFromTheInstantMemberServiceNamedWithTheDateInWords() {
        Signals s = signals();
        s.reached = every(30, 20, 6);
        s.contactUnconfirmedSince = at("2027-03-15T14:00:00");

        Contribution unconfirmed = only(assess(s), RiskSignal.CONTACT_UNCONFIRMED);

        assertThat(unconfirmed.points()).isEqualTo(6);
        assertThat(unconfirmed.text()).isEqualTo("联系方式自 2027-03-15 起未经核实（已 78 天）: +6");
        assertThat(assess(s).total()).isEqualTo(6);
    }

    @Test
    void contactDetailsUnconfirmedOnlyAfterTheInstantAndOnlyWhileTheyAre() {
        Signals s = signals();
        s.reached = every(30, 20, 6);
        s.contactUnconfirmedSince = AS_OF.plusSeconds(1); // not yet, as of AS_OF
        assertThat(has(assess(s), RiskSignal.CONTACT_UNCONFIRMED)).isFalse();

        s.contactUnconfirmedSince = AS_OF; // the very instant: unconfirmed, for 0 days
        assertThat(only(assess(s), RiskSignal.CONTACT_UNCONFIRMED).text()).isEqualTo("联系方式自 2027-06-01 起未经核实（已 0 天）: +6");

        s.contactUnconfirmedSince = null; // confirmed since (ContactDetailsConfirmed)
        assertThat(has(assess(s), RiskSignal.CONTACT_UNCONFIRMED)).isFalse();
    }

    @Test
    void aWeightOfZeroSwitchesTheUnconfirmedSignalOff() {
        RiskWeights off = new RiskWeights(30, 5, 2, 14, 20, 40, Period.ofDays(60), 9, 27, Period.ofDays(90), 8, 16, 0,
                15, 6, 12, 12, 24, Period.ofYears(1), 8, 24);
        Signals s = signals();
        s.reached = every(30, 20, 6);
        s.contactUnconfirmedSince = at("2027-03-15T14:00:00");

        assertThat(new LossRisk(off, PERIODS).assess(s.build()).contributions()).isEmpty();
    }

    @Test
    void flowingWithoutReportInScoresOnceTheOutflowHasStarted() {
        Signals s = signals();
        s.reached = every(30, 20, 6);
        s.flowingSince = LocalDate.of(2027, 4, 17);

        assertThat(only(assess(s), RiskSignal.FLOWING_WITHOUT_REPORT_IN).text())
                .isEqualTo("外出流动已 45 天，尚未向流入地党组织报到: +15");

        s.flowingSince = LocalDate.of(2027, 6, 2);
        assertThat(has(assess(s), RiskSignal.FLOWING_WITHOUT_REPORT_IN)).isFalse();
    }

    @Test
    void aTransferReceiptScoresFromTheDayAfterItWasDue() {
        Signals s = signals();
        s.reached = every(30, 20, 6);
        s.transferDueOn = LocalDate.of(2027, 5, 31);

        assertThat(only(assess(s), RiskSignal.TRANSFER_RECEIPT_OVERDUE).text())
                .isEqualTo("组织关系介绍信的回执逾期未回（应于 2027-05-31 前收回）: +12");

        s.transferDueOn = LocalDate.of(2027, 6, 1);
        assertThat(has(assess(s), RiskSignal.TRANSFER_RECEIPT_OVERDUE)).isFalse();
    }

    @Test
    void aTransferInTransitScoresFromTheDayItWasIssuedAndMoreOnceItsReceiptIsOverdue() {
        Signals s = signals();
        s.reached = every(30, 20, 6);
        s.transferIssuedOn = LocalDate.of(2027, 5, 10);
        s.transferDueOn = LocalDate.of(2027, 8, 10);

        assertThat(only(assess(s), RiskSignal.TRANSFER_IN_TRANSIT).text())
                .isEqualTo("组织关系转接途中：介绍信 2027-05-10 开出，回执尚未收回（2027-08-10 前收回）: +6");

        s.transferIssuedOn = LocalDate.of(2027, 6, 2);
        assertThat(assess(s).contributions()).isEmpty();

        s.transferIssuedOn = LocalDate.of(2027, 2, 1);
        s.transferDueOn = LocalDate.of(2027, 5, 1);
        RiskScore overdue = assess(s);
        assertThat(only(overdue, RiskSignal.TRANSFER_RECEIPT_OVERDUE).points()).isEqualTo(12);
        assertThat(has(overdue, RiskSignal.TRANSFER_IN_TRANSIT)).isFalse();
    }

    @Test
    void earlierLossesScoreEachUpToTheMaximumAndLaterOnesDoNot() {
        Signals s = signals();
        s.reached = every(30, 20, 6);
        s.losses = List.of(at("2025-09-01T02:00:00"), at("2026-08-03T02:00:00"), AS_OF.plusSeconds(3600));

        assertThat(only(assess(s), RiskSignal.PREVIOUS_LOSSES).text()).isEqualTo("曾失联 2 次（最近一次 2026-08-03 立案）: +24");

        s.losses = List.of(at("2025-09-01T02:00:00"), at("2026-02-01T02:00:00"), at("2026-08-03T02:00:00"));
        assertThat(only(assess(s), RiskSignal.PREVIOUS_LOSSES).points()).isEqualTo(24);
    }

    @Test
    void missedFollowUpsScoreWithinAYear() {
        Signals s = signals();
        s.reached = every(30, 20, 6);
        s.missedFollowUps = List.of(daysBefore(40), daysBefore(100), daysBefore(400));

        assertThat(only(assess(s), RiskSignal.MISSED_FOLLOW_UPS).text()).isEqualTo("365 天内 2 次回访未按时完成: +16");
    }

    // --- total, threshold, clocks -------------------------------------------------------------------------------

    @Test
    void theTotalIsTheSumOfTheContributionsHighestFirstAndAtRiskFromTheThreshold() {
        Signals s = signals();
        s.reached = every(30, 20, 6);
        s.flowingSince = LocalDate.of(2027, 4, 17);            // +15
        s.transferDueOn = LocalDate.of(2027, 5, 1);            // +12
        assertThat(assess(s).total()).isEqualTo(27);
        assertThat(assess(s).atRisk()).isFalse();

        s.failed = List.of(new Attempt(daysBefore(30), "SMS")); // +8: 35
        RiskScore score = assess(s);

        assertThat(score.total()).isEqualTo(35);
        assertThat(score.atRisk()).isTrue();
        assertThat(score.contributions()).extracting(Contribution::points).containsExactly(15, 12, 8);
    }

    @Test
    void exactlyTheThresholdIsAtRisk() {
        Signals s = signals();
        s.reached = every(30, 20, 6);
        s.flowingSince = LocalDate.of(2027, 4, 17);           // +15
        s.transferDueOn = LocalDate.of(2027, 5, 1);           // +12
        s.notReached = List.of(new Attempt(daysBefore(3), "PHONE")); // +9: 36
        assertThat(assess(s).atRisk()).isTrue();

        RiskWeights threshold36 = new RiskWeights(36, 5, 2, 14, 20, 40, Period.ofDays(60), 9, 27, Period.ofDays(90), 8, 16, 6,
                15, 6, 12, 12, 24, Period.ofYears(1), 8, 24);
        assertThat(new LossRisk(threshold36, PERIODS).assess(s.build()).atRisk()).isTrue();
        RiskWeights threshold37 = new RiskWeights(37, 5, 2, 14, 20, 40, Period.ofDays(60), 9, 27, Period.ofDays(90), 8, 16, 6,
                15, 6, 12, 12, 24, Period.ofYears(1), 8, 24);
        assertThat(new LossRisk(threshold37, PERIODS).assess(s.build()).atRisk()).isFalse();
    }

    @Test
    void theQuarterlyReminderMakesTheMemberOverdueAndTheLostClockMakesThemLost() {
        Signals s = signals();
        s.reached = List.of(at("2027-03-01T10:00:00")); // T2 due 1 June 00:00, T5 1 July 00:00 (Shanghai)
        s.asOf = at("2027-05-31T23:00:00");
        assertThat(assess(s).overdue()).isFalse();
        s.asOf = at("2027-06-01T00:00:00");
        assertThat(assess(s).overdue()).isTrue();
        assertThat(assess(s).lost()).isFalse();
        s.asOf = at("2027-07-01T00:00:00"); // T5: four months
        assertThat(assess(s).lost()).isTrue();
    }

    @Test
    void aCaseOpenedSinceTheLastReachedContactIsLostAndNotAPreviousLoss() {
        Signals s = signals();
        s.reached = every(30, 40, 6);
        s.losses = List.of(at("2025-09-01T02:00:00"), daysBefore(5));
        s.openCaseSince = daysBefore(5);

        RiskScore score = assess(s);

        assertThat(score.lost()).isTrue();
        assertThat(only(score, RiskSignal.PREVIOUS_LOSSES).text()).startsWith("曾失联 1 次（最近一次 2025-09-01");
    }

    @Test
    void aCaseStillOpenAfterTheMemberWasFoundIsNotLost() {
        Signals s = signals();
        s.reached = every(30, 10, 6);
        s.openCaseSince = daysBefore(60); // found since (a CASE_FOUND contact), follow-ups under way
        s.losses = List.of(daysBefore(60));

        RiskScore score = assess(s);

        assertThat(score.lost()).isFalse();
        assertThat(only(score, RiskSignal.PREVIOUS_LOSSES).points()).isEqualTo(12);
    }

    @Test
    void contactsRecordedForLaterMomentsDoNotCountYet() {
        Signals s = signals();
        List<Instant> reached = new ArrayList<>(every(30, 75, 6));
        reached.add(AS_OF.plusSeconds(86_400));
        s.reached = reached;

        assertThat(assess(s).silentDays()).isEqualTo(75);
    }

    // --- the weights --------------------------------------------------------------------------------------------

    @Test
    void theDefaultWeightsAreSound() {
        assertThat(DEFAULTS.violations("")).isEmpty();
    }

    @Test
    void weightsThatMakeNoSenseAreNamedByTheirKeys() {
        RiskWeights wrong = new RiskWeights(0, 3, 4, 14, -1, 40, Period.ZERO, 9, 5, Period.ofDays(90), 8, 16, -1, -2, 6, 12,
                12, 24, Period.ofDays(-1), 8, 24);

        assertThat(wrong.violations("")).containsExactly(
                "threshold (0) must be positive",
                "rhythm-min-gaps (4) must not exceed rhythm-gaps (3)",
                "silence-per-rhythm (-1) must not be negative",
                "not-reached-window (P0D) must be longer than zero",
                "not-reached-max (5) must not be less than not-reached-each (9)",
                "contact-unconfirmed (-1) must not be negative",
                "flowing-without-report-in (-2) must not be negative",
                "missed-follow-ups-window (P-1D) must be longer than zero");
    }
}
