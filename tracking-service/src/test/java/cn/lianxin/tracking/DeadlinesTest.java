package cn.lianxin.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;

import org.junit.jupiter.api.Test;

import cn.lianxin.tracking.domain.Deadlines;

/** Period arithmetic of the clocks at calendar boundaries, in Asia/Shanghai. */
class DeadlinesTest {

    private static Instant at(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    @Test
    void aMonthAfterTheLastOfJanuaryIsTheLeapDayInALeapYear() {
        assertThat(Deadlines.dueAt(at("2024-01-31T20:00:00+08:00"), Period.ofMonths(1)))
                .isEqualTo(at("2024-02-29T00:00:00+08:00"));
    }

    @Test
    void aMonthAfterTheLastOfJanuaryIsTheTwentyEighthInACommonYear() {
        assertThat(Deadlines.dueAt(at("2023-01-31T08:00:00+08:00"), Period.ofMonths(1)))
                .isEqualTo(at("2023-02-28T00:00:00+08:00"));
    }

    @Test
    void aQuarterAfterTheThirtiethOfNovemberEndsOnTheLastDayOfFebruary() {
        assertThat(Deadlines.dueAt(at("2023-11-30T10:00:00+08:00"), Period.ofMonths(3)))
                .isEqualTo(at("2024-02-29T00:00:00+08:00"));
        assertThat(Deadlines.dueAt(at("2024-11-30T10:00:00+08:00"), Period.ofMonths(3)))
                .isEqualTo(at("2025-02-28T00:00:00+08:00"));
    }

    @Test
    void theDayIsTheShanghaiDayNotTheUtcDay() {
        // 16:30 UTC on 31 January is already 00:30 on 1 February in Shanghai
        assertThat(Deadlines.dueAt(Instant.parse("2024-01-31T16:30:00Z"), Period.ofMonths(1)))
                .isEqualTo(at("2024-03-01T00:00:00+08:00"));
        // 15:59 UTC is still 31 January in Shanghai
        assertThat(Deadlines.dueAt(Instant.parse("2024-01-31T15:59:59Z"), Period.ofMonths(1)))
                .isEqualTo(at("2024-02-29T00:00:00+08:00"));
    }

    @Test
    void sixMonthsFromTheLeapDayIsTheTwentyNinthOfAugustAndAYearIsTheTwentyEighthOfFebruary() {
        assertThat(Deadlines.dueAt(at("2024-02-29T09:00:00+08:00"), Period.ofMonths(6)))
                .isEqualTo(at("2024-08-29T00:00:00+08:00"));
        assertThat(Deadlines.dueAt(at("2024-02-29T09:00:00+08:00"), Period.ofYears(1)))
                .isEqualTo(at("2025-02-28T00:00:00+08:00"));
    }

    @Test
    void graceRunsSevenCalendarDaysAcrossTheMonthEnd() {
        assertThat(Deadlines.graceUntil(at("2024-02-29T00:00:00+08:00"), Period.ofDays(7)))
                .isEqualTo(at("2024-03-07T00:00:00+08:00"));
    }

    @Test
    void countsWholeDaysOverdueAndNeverNegative() {
        Instant due = at("2024-02-29T00:00:00+08:00");
        assertThat(Deadlines.daysOverdue(due, at("2024-02-28T23:59:59+08:00"))).isZero();
        assertThat(Deadlines.daysOverdue(due, due)).isZero();
        assertThat(Deadlines.daysOverdue(due, at("2024-03-01T23:59:59+08:00"))).isEqualTo(1);
        assertThat(Deadlines.daysOverdue(due, at("2024-03-07T00:00:00+08:00"))).isEqualTo(7);
    }
}
