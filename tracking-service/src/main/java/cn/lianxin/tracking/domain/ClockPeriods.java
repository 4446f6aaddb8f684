package cn.lianxin.tracking.domain;

import java.time.Period;

/**
 * The periods of the clocks T1–T7 (docs/domain.md §2), as a city's policy sets them ({@code lianxin.tracking.*}, see
 * TrackingConfig#periods).
 */
public record ClockPeriods(Period liaisonMonthly, Period quarterly, Period grace, Period uncontrolled,
        Period lostContact, Period selfWithdrawal, Period duesArrears) {
}
