package cn.lianxin.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;

import org.junit.jupiter.api.Test;

import cn.lianxin.member.domain.Handshake.State;

class HandshakeTest {

    private static final Period GRACE = Period.ofDays(14);

    @Test
    void theReportInIsDueAMonthAfterLeavingAndAShortMonthKeepsItsLastDay() {
        assertThat(Handshake.reportInDue(LocalDate.of(2027, 2, 10), Period.ofMonths(1))).isEqualTo("2027-03-10");
        assertThat(Handshake.reportInDue(LocalDate.of(2027, 1, 31), Period.ofMonths(1))).isEqualTo("2027-02-28");
    }

    @Test
    void theReceiptIsDueAtTheEndOfTheLettersValidityLongerAcrossProvinces() {
        Period validity = Handshake.receiptValidity(true, Period.ofMonths(3), Period.ofMonths(6));
        assertThat(validity).isEqualTo(Period.ofMonths(6));
        assertThat(Handshake.receiptValidity(false, Period.ofMonths(3), Period.ofMonths(6))).isEqualTo(Period.ofMonths(3));
        assertThat(Handshake.receiptDue(LocalDate.of(2027, 3, 1), validity)).isEqualTo("2027-09-01");
    }

    @Test
    void unconfirmedItAwaitsOnTheDueDayIsOverdueTheDayAfterAndEscalatedAfterTheGrace() {
        LocalDate due = LocalDate.of(2027, 3, 10);
        assertThat(Handshake.state(false, due, GRACE, due)).isEqualTo(State.AWAITING_CONFIRMATION);
        assertThat(Handshake.state(false, due, GRACE, due.plusDays(1))).isEqualTo(State.OVERDUE);
        assertThat(Handshake.state(false, due, GRACE, due.plusDays(14))).isEqualTo(State.OVERDUE);
        assertThat(Handshake.state(false, due, GRACE, due.plusDays(15))).isEqualTo(State.ESCALATED);
        assertThat(Handshake.overdue(false, due, due.plusDays(1))).isTrue();
        assertThat(Handshake.escalated(false, due, GRACE, due.plusDays(14))).isFalse();
    }

    @Test
    void aConfirmationEndsItWhateverTheDay() {
        LocalDate due = LocalDate.of(2027, 3, 10);
        assertThat(Handshake.state(true, due, GRACE, due.plusYears(1))).isEqualTo(State.CONFIRMED);
        assertThat(Handshake.overdue(true, due, due.plusDays(1))).isFalse();
        assertThat(Handshake.escalated(true, due, GRACE, due.plusYears(1))).isFalse();
    }

    @Test
    void daysOverdueCountFromTheDueDayAndAreNeverNegative() {
        LocalDate due = LocalDate.of(2027, 3, 10);
        assertThat(Handshake.daysOverdue(due, due.minusDays(3))).isZero();
        assertThat(Handshake.daysOverdue(due, due)).isZero();
        assertThat(Handshake.daysOverdue(due, LocalDate.of(2027, 3, 25))).isEqualTo(15);
    }
}
