package cn.lianxin.tracking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.lianxin.tracking.domain.ContactState.ClockAt;

/** The priority of contact states (lost, uncontrolled, overdue, due, self-withdrawal suspected) and clock statuses. */
class ContactStateTest {

    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

    private static ClockAt clock(ClockRule rule, ClockStatus status) {
        return new ClockAt(rule, status);
    }

    @Test
    void theMostSeriousReachedClockNamesTheState() {
        assertThat(ContactState.of(false, List.of(clock(ClockRule.QUARTERLY, ClockStatus.OVERDUE),
                clock(ClockRule.LOST, ClockStatus.DUE), clock(ClockRule.UNCONTROLLED, ClockStatus.DUE))))
                .isEqualTo(ContactState.LOST_SUSPECTED);
        assertThat(ContactState.of(false, List.of(clock(ClockRule.QUARTERLY, ClockStatus.OVERDUE),
                clock(ClockRule.UNCONTROLLED, ClockStatus.DUE)))).isEqualTo(ContactState.UNCONTROLLED);
        assertThat(ContactState.of(false, List.of(clock(ClockRule.LIAISON_MONTHLY, ClockStatus.DUE),
                clock(ClockRule.QUARTERLY, ClockStatus.OVERDUE)))).isEqualTo(ContactState.OVERDUE);
        assertThat(ContactState.of(false, List.of(clock(ClockRule.ORG_LIFE_ABSENCE, ClockStatus.DUE),
                clock(ClockRule.QUARTERLY, ClockStatus.DUE)))).isEqualTo(ContactState.DUE);
        assertThat(ContactState.of(false, List.of(clock(ClockRule.DUES_ABSENCE, ClockStatus.DUE),
                clock(ClockRule.LOST, ClockStatus.RUNNING)))).isEqualTo(ContactState.SELF_WITHDRAWAL_SUSPECTED);
    }

    @Test
    void runningClocksAndArrearsLeaveAMemberInContactAndExemptionWinsOverEverything() {
        assertThat(ContactState.of(false, List.of(clock(ClockRule.LOST, ClockStatus.RUNNING),
                clock(ClockRule.DUES_ARREARS, ClockStatus.OVERDUE)))).isEqualTo(ContactState.IN_CONTACT);
        assertThat(ContactState.of(true, List.of(clock(ClockRule.LOST, ClockStatus.DUE))))
                .isEqualTo(ContactState.EXEMPT);
    }

    @Test
    void urgencyNumbersTheWorkListStatesInTheirOrder() {
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(ContactState::ofUrgency)).containsExactly(
                ContactState.LOST_SUSPECTED, ContactState.UNCONTROLLED, ContactState.OVERDUE, ContactState.DUE,
                ContactState.SELF_WITHDRAWAL_SUSPECTED);
        assertThat(ContactState.IN_CONTACT.onWorkList()).isFalse();
        assertThat(ContactState.EXEMPT.onWorkList()).isFalse();
        assertThatThrownBy(() -> ContactState.ofUrgency(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClockIsDueFromItsDueInstantAndOverdueFromTheEndOfItsGrace() {
        assertThat(ClockStatus.of(AS_OF.plusSeconds(1), null, AS_OF)).isEqualTo(ClockStatus.RUNNING);
        assertThat(ClockStatus.of(AS_OF, AS_OF.plusSeconds(1), AS_OF)).isEqualTo(ClockStatus.DUE);
        assertThat(ClockStatus.of(AS_OF.minusSeconds(9), AS_OF, AS_OF)).isEqualTo(ClockStatus.OVERDUE);
        assertThat(ClockStatus.of(AS_OF.minusSeconds(9), null, AS_OF)).as("no grace period: never overdue")
                .isEqualTo(ClockStatus.DUE);
    }
}
