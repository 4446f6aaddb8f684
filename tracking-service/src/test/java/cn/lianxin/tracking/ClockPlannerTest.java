package cn.lianxin.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.ClockPlanner;
import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.domain.MemberClockState;
import cn.lianxin.tracking.domain.PlannedClock;

/** Which clocks run for a member, since when and due when (rules T1–T7 as a pure function). */
class ClockPlannerTest {

    /** docs/domain.md §2 defaults. */
    static final TrackingConfig DEFAULTS = new TrackingConfig() {
        public Period liaisonMonthly() { return Period.ofMonths(1); }
        public Period quarterly() { return Period.ofMonths(3); }
        public Period grace() { return Period.ofDays(7); }
        public Period uncontrolled() { return Period.ofMonths(1); }
        public Period lostContact() { return Period.ofMonths(4); }
        public Period selfWithdrawal() { return Period.ofMonths(6); }
        public Period duesArrears() { return Period.ofMonths(3); }
        public Scan scan() {
            return new Scan() {
                public String cron() { return "off"; }
                public int transactionTimeout() { return 60; }
                public int slices() { return 1; }
            };
        }
        public Campaign campaign() {
            return () -> Period.ofDays(7);
        }
    };

    private final ClockPlanner planner = new ClockPlanner(DEFAULTS.periods());

    private static Instant at(String text) {
        return OffsetDateTime.parse(text + "+08:00").toInstant();
    }

    private Map<ClockRule, PlannedClock> plan(MemberClockState state) {
        return planner.plan(state).stream().collect(Collectors.toMap(PlannedClock::rule, Function.identity()));
    }

    @Test
    void aMemberAtHomeRunsTheQuarterlyLostSelfWithdrawalAndDuesClocksFromRegistration() {
        Map<ClockRule, PlannedClock> clocks = plan(new MemberClockState(false, at("2024-01-15T10:00:00"), null, null, null,
                null, null, null, null));

        assertThat(clocks.keySet()).containsExactlyInAnyOrder(ClockRule.QUARTERLY, ClockRule.LOST,
                ClockRule.ORG_LIFE_ABSENCE, ClockRule.DUES_ABSENCE, ClockRule.DUES_ARREARS);
        assertThat(clocks.get(ClockRule.QUARTERLY).dueAt()).isEqualTo(at("2024-04-15T00:00:00"));
        assertThat(clocks.get(ClockRule.QUARTERLY).graceUntil()).isEqualTo(at("2024-04-22T00:00:00"));
        assertThat(clocks.get(ClockRule.LOST).graceUntil()).isNull();
        assertThat(clocks.get(ClockRule.ORG_LIFE_ABSENCE).dueAt()).isEqualTo(at("2024-07-15T00:00:00"));
    }

    @Test
    void aFlowMemberAlsoRunsTheLiaisonClockOnDirectContactsOnlyAndTheUncontrolledClockUntilReportIn() {
        MemberClockState away = new MemberClockState(false, at("2023-12-01T10:00:00"), null, at("2024-01-20T00:00:00"),
                null, at("2024-02-10T19:00:00"), at("2024-01-31T20:00:00"), at("2024-02-10T19:00:00"), null);
        Map<ClockRule, PlannedClock> clocks = plan(away);

        // the org-life attendance of 10 February counts for the quarter, not for the liaison
        assertThat(clocks.get(ClockRule.LIAISON_MONTHLY).dueAt()).isEqualTo(at("2024-02-29T00:00:00"));
        assertThat(clocks.get(ClockRule.UNCONTROLLED).startedAt()).isEqualTo(at("2024-02-10T19:00:00"));
        assertThat(clocks.get(ClockRule.QUARTERLY).dueAt()).isEqualTo(at("2024-05-10T00:00:00"));

        MemberClockState reportedIn = new MemberClockState(false, away.registeredAt(), null, away.leftAt(),
                at("2024-01-25T10:00:00"), away.lastReachedAt(), away.lastDirectReachedAt(), away.lastOrgLifeAt(), null);
        assertThat(plan(reportedIn)).doesNotContainKey(ClockRule.UNCONTROLLED).containsKey(ClockRule.LIAISON_MONTHLY);
    }

    @Test
    void aReportInAtTheDestinationCountsAsReachedForTheLiaisonClockButNotForTheQuarter() {
        MemberClockState reportedIn = new MemberClockState(false, at("2023-12-01T10:00:00"), null,
                at("2024-01-20T00:00:00"), at("2024-02-05T10:00:00"), at("2024-01-31T20:00:00"),
                at("2024-01-31T20:00:00"), null, null);
        Map<ClockRule, PlannedClock> clocks = plan(reportedIn);

        assertThat(clocks.get(ClockRule.LIAISON_MONTHLY).startedAt()).isEqualTo(at("2024-02-05T10:00:00"));
        assertThat(clocks.get(ClockRule.LIAISON_MONTHLY).dueAt()).isEqualTo(at("2024-03-05T00:00:00"));
        assertThat(clocks).doesNotContainKey(ClockRule.UNCONTROLLED);
        assertThat(clocks.get(ClockRule.QUARTERLY).startedAt()).isEqualTo(at("2024-01-31T20:00:00"));
    }

    @Test
    void anExemptMemberRunsNoClock() {
        assertThat(planner.plan(new MemberClockState(true, at("2024-01-15T10:00:00"), null, null, null, null, null,
                null, null))).isEmpty();
    }

    @Test
    void noClockStartsBeforeARestoration() {
        Map<ClockRule, PlannedClock> clocks = plan(new MemberClockState(false, at("2023-06-01T10:00:00"),
                at("2024-09-01T10:00:00"), null, null, at("2024-01-20T10:00:00"), at("2024-01-20T10:00:00"), null,
                at("2024-01-05T10:00:00")));

        List.of(ClockRule.QUARTERLY, ClockRule.LOST, ClockRule.DUES_ARREARS)
                .forEach(rule -> assertThat(clocks.get(rule).startedAt()).isEqualTo(at("2024-09-01T10:00:00")));
        assertThat(clocks.get(ClockRule.LOST).dueAt()).isEqualTo(at("2025-01-01T00:00:00"));
    }

    @Test
    void contactsLoggedFromBeforeRegistrationCountSoThatOnboardingRevealsWhoIsAlreadyLost() {
        // A branch starts using Lianxin on 1 June and brings its contact log: last reached on 20 January.
        Map<ClockRule, PlannedClock> clocks = plan(new MemberClockState(false, at("2024-06-01T10:00:00"), null, null,
                null, at("2024-01-20T10:00:00"), at("2024-01-20T10:00:00"), null, null));

        assertThat(clocks.get(ClockRule.LOST).startedAt()).isEqualTo(at("2024-01-20T10:00:00"));
        assertThat(clocks.get(ClockRule.LOST).dueAt()).isEqualTo(at("2024-05-20T00:00:00")); // already due
        // never attended org life nor paid dues in the log: those clocks run from registration
        assertThat(clocks.get(ClockRule.ORG_LIFE_ABSENCE).startedAt()).isEqualTo(at("2024-06-01T10:00:00"));
    }
}
