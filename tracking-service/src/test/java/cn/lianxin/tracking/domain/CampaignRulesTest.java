package cn.lianxin.tracking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.lianxin.tracking.domain.Accounting.Facts;

/** 专项排查 (docs/domain.md §7) as pure rules: the default window, the reminder, the close, who is accounted for. */
class CampaignRulesTest {

    private static Instant shanghai(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    @ParameterizedTest(name = "{0} Shanghai time is in the quarter {1} to {2}")
    @CsvSource({
            "2027-01-01T00:00:00, 2027-01-01, 2027-03-31",
            "2027-03-31T23:59:59, 2027-01-01, 2027-03-31",
            "2027-04-01T00:00:00, 2027-04-01, 2027-06-30",
            "2027-08-15T12:00:00, 2027-07-01, 2027-09-30",
            "2027-12-31T23:59:59, 2027-10-01, 2027-12-31",
            "2028-02-29T08:00:00, 2028-01-01, 2028-03-31" })
    void theDefaultWindowIsTheCalendarQuarterOfTheOpeningDayInShanghai(String now, LocalDate first, LocalDate last) {
        assertThat(CampaignWindow.quarterOf(shanghai(now))).isEqualTo(new CampaignWindow(first, last));
    }

    @Test
    void theQuarterIsReadInShanghaiNotUtc() {
        // 2027-03-31T16:30Z is already 1 April in Shanghai: the second quarter
        assertThat(CampaignWindow.quarterOf(Instant.parse("2027-03-31T16:30:00Z")).startsOn())
                .isEqualTo(LocalDate.of(2027, 4, 1));
    }

    @Test
    void theWindowRunsFromTheFirstDaysMidnightToTheMidnightAfterTheLastDayInShanghai() {
        // which contacts count is the SQL's [startsAt, endsAt): CampaignAccountingInStepTest checks its edges
        CampaignWindow q1 = new CampaignWindow(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 31));
        assertThat(q1.startsAt()).isEqualTo(shanghai("2027-01-01T00:00:00"));
        assertThat(q1.endsAt()).isEqualTo(shanghai("2027-04-01T00:00:00"));
    }

    @Test
    void theLaggingBranchesAreRemindedAWeekBeforeTheEndAndTheCampaignClosesAfterItsLastDay() {
        CampaignWindow q1 = new CampaignWindow(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 31));
        Period week = Period.ofDays(7);
        assertThat(q1.reminderDueAt(week)).isEqualTo(shanghai("2027-03-25T00:00:00"));
        assertThat(q1.isReminderDue(shanghai("2027-03-24T23:59:59"), week)).isFalse();
        assertThat(q1.isReminderDue(shanghai("2027-03-25T00:00:00"), week)).isTrue();
        assertThat(q1.isReminderDue(shanghai("2027-03-31T23:59:59"), week)).isTrue();
        assertThat(q1.hasEnded(shanghai("2027-03-31T23:59:59"))).isFalse();
        // after the last day the close replaces the reminder
        assertThat(q1.isReminderDue(shanghai("2027-04-01T00:00:00"), week)).isFalse();
        assertThat(q1.hasEnded(shanghai("2027-04-01T00:00:00"))).isTrue();
    }

    @Test
    void aWindowShorterThanTheReminderPeriodRemindsFromItsFirstDay() {
        CampaignWindow fiveDays = new CampaignWindow(LocalDate.of(2027, 3, 27), LocalDate.of(2027, 3, 31));
        assertThat(fiveDays.isReminderDue(shanghai("2027-03-27T00:00:00"), Period.ofDays(7))).isTrue();
    }

    @Test
    void aWindowShorterThanTheReminderPeriodIsNotRemindedBeforeItsFirstDay() {
        CampaignWindow threeDays = new CampaignWindow(LocalDate.of(2027, 3, 29), LocalDate.of(2027, 3, 31));
        Period week = Period.ofDays(7);
        assertThat(threeDays.reminderDueAt(week)).isEqualTo(shanghai("2027-03-29T00:00:00"));
        assertThat(threeDays.isReminderDue(shanghai("2027-03-25T00:00:00"), week)).isFalse();
        assertThat(threeDays.isReminderDue(shanghai("2027-03-28T23:59:59"), week)).isFalse();
        assertThat(threeDays.isReminderDue(shanghai("2027-03-29T00:00:00"), week)).isTrue();
    }

    @Test
    void aWindowEndsOnOrAfterItsFirstDay() {
        assertThatThrownBy(() -> new CampaignWindow(LocalDate.of(2027, 3, 31), LocalDate.of(2027, 3, 30)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The table of the rule: a REACHED contact in the window, then an open case, then a standing not ACTIVE. */
    @ParameterizedTest(name = "active={0} openCase={1} reached={2} attempted={3}: {4}")
    @CsvSource({
            "true,  false, true,  false, REACHED_IN_WINDOW",
            "true,  false, true,  true,  REACHED_IN_WINDOW",
            "true,  true,  true,  false, REACHED_IN_WINDOW",
            "false, true,  true,  true,  REACHED_IN_WINDOW",
            "true,  true,  false, false, OPEN_CASE",
            "false, true,  false, true,  OPEN_CASE",
            "false, false, false, false, NOT_ACTIVE",
            "false, false, false, true,  NOT_ACTIVE",
            "true,  false, false, true,  ONLY_ATTEMPTS",
            "true,  false, false, false, NO_CONTACT" })
    void aMemberIsAccountedForByAReachedContactInTheWindowAnOpenCaseOrAStandingThatIsNotActive(boolean active,
            boolean openCase, boolean reached, boolean attempted, Accounting expected) {
        Accounting accounting = Accounting.of(new Facts(active, openCase, reached, attempted));
        assertThat(accounting).isEqualTo(expected);
        assertThat(accounting.accounted()).isEqualTo(expected != Accounting.ONLY_ATTEMPTS && expected != Accounting.NO_CONTACT);
    }

    @Test
    void anAttemptThatDidNotReachTheMemberDoesNotAccountForThem() {
        assertThat(Accounting.ONLY_ATTEMPTS.accounted()).isFalse();
        assertThat(Accounting.accountedFor()).containsExactly(Accounting.REACHED_IN_WINDOW, Accounting.OPEN_CASE,
                Accounting.NOT_ACTIVE);
    }
}
