package cn.lianxin.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.WarningLadder;
import cn.lianxin.tracking.domain.WarningLadder.Rung;
import cn.lianxin.tracking.service.LadderCheck;

/** docs/domain.md §2: T2 due < T2 due + T3 grace < T5, and T1 no later than T4; a broken ladder names its keys. */
class WarningLadderTest {

    private static List<String> violations(String liaison, String quarterly, String grace, String uncontrolled,
            String lost) {
        return WarningLadder.violations(rung("liaison-monthly", liaison), rung("quarterly", quarterly),
                rung("grace", grace), rung("uncontrolled", uncontrolled), rung("lost-contact", lost));
    }

    private static Rung rung(String key, String period) {
        return new Rung("lianxin.tracking." + key, Period.parse(period));
    }

    @Test
    void theDefaultLadderIsInOrder() {
        assertThat(violations("P1M", "P3M", "P7D", "P1M", "P4M")).isEmpty();
        assertThatNoException().isThrownBy(() -> LadderCheck.check(ClockPlannerTest.DEFAULTS));
    }

    @Test
    void aLostThresholdNotLongerThanQuarterlyPlusGraceNamesTheThreeKeys() {
        assertThat(violations("P1M", "P3M", "P7D", "P1M", "P2M")).containsExactly(
                "lianxin.tracking.lost-contact (P2M) must be longer than lianxin.tracking.quarterly (P3M)"
                        + " + lianxin.tracking.grace (P7D): a member is declared lost only after the reminder and the escalation");
        assertThat(violations("P1M", "P3M", "P7D", "P1M", "P3M")).hasSize(1); // the old default: T2 and T5 the same day
        // three months are 89 to 92 days: P98D is not longer than P3M + P7D from every start day, P100D is
        assertThat(violations("P1M", "P3M", "P7D", "P1M", "P98D")).hasSize(1);
        assertThat(violations("P1M", "P3M", "P7D", "P1M", "P100D")).isEmpty();
    }

    @Test
    void aGraceOfZeroNamesTheGraceKey() {
        assertThat(violations("P1M", "P3M", "P0D", "P1M", "P4M")).singleElement().asString()
                .startsWith("lianxin.tracking.grace (P0D) must be longer than zero");
    }

    @Test
    void anUncontrolledThresholdShorterThanTheLiaisonsMonthNamesBothKeys() {
        assertThat(violations("P1M", "P3M", "P7D", "P20D", "P4M")).singleElement().asString()
                .startsWith("lianxin.tracking.uncontrolled (P20D) must not be shorter than lianxin.tracking.liaison-monthly (P1M)");
        assertThat(violations("P30D", "P3M", "P7D", "P1M", "P4M")).hasSize(1); // P1M is 28 days from 1 February
        assertThat(violations("P1M", "P3M", "P7D", "P2M", "P4M")).isEmpty();
    }

    @Test
    void theServiceRefusesToStartWithAConfigurationOutOfOrder() {
        TrackingConfig lostTooEarly = new DelegatingConfig(ClockPlannerTest.DEFAULTS) {
            @Override
            public Period lostContact() {
                return Period.ofMonths(2);
            }
        };
        assertThatThrownBy(() -> LadderCheck.check(lostTooEarly)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lianxin.tracking.lost-contact (P2M) must be longer than "
                        + "lianxin.tracking.quarterly (P3M) + lianxin.tracking.grace (P7D)");
    }

    @ParameterizedTest(name = "reminder-before {0} is refused")
    @ValueSource(strings = { "P0D", "-P7D", "P1M-40D" })
    void theServiceRefusesToStartWithACampaignReminderPeriodThatIsNotPositive(String period) {
        TrackingConfig noReminderPeriod = new DelegatingConfig(ClockPlannerTest.DEFAULTS) {
            @Override
            public Campaign campaign() {
                return () -> Period.parse(period);
            }
        };
        assertThatThrownBy(() -> LadderCheck.check(noReminderPeriod)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lianxin.tracking.campaign.reminder-before (" + Period.parse(period)
                        + ") must be longer than zero");
    }

    private static class DelegatingConfig implements TrackingConfig {
        private final TrackingConfig base;

        DelegatingConfig(TrackingConfig base) {
            this.base = base;
        }

        public Period liaisonMonthly() { return base.liaisonMonthly(); }
        public Period quarterly() { return base.quarterly(); }
        public Period grace() { return base.grace(); }
        public Period uncontrolled() { return base.uncontrolled(); }
        public Period lostContact() { return base.lostContact(); }
        public Period selfWithdrawal() { return base.selfWithdrawal(); }
        public Period duesArrears() { return base.duesArrears(); }
        public Scan scan() { return base.scan(); }
        public Campaign campaign() { return base.campaign(); }
    }
}
