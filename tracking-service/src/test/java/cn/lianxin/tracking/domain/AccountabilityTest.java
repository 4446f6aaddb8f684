package cn.lianxin.tracking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.lianxin.tracking.domain.Accountability.CaseOpening;
import cn.lianxin.tracking.domain.Accountability.Due;
import cn.lianxin.tracking.domain.Accountability.Figures;
import cn.lianxin.tracking.domain.Accountability.Group;
import cn.lianxin.tracking.domain.Accountability.MemberHistory;
import cn.lianxin.tracking.domain.Accountability.Reached;
import cn.lianxin.tracking.domain.Accountability.Window;

/** 目标责任考核: every figure of a group, and the edges (nothing to count gives null, never NaN). */
class AccountabilityTest {

    /** docs/domain.md §2 defaults. */
    static final ClockPeriods PERIODS = new ClockPeriods(Period.ofMonths(1), Period.ofMonths(3), Period.ofDays(7),
            Period.ofMonths(1), Period.ofMonths(4), Period.ofMonths(6), Period.ofMonths(3));

    private final Accountability rule = new Accountability(PERIODS, Period.ofDays(30));

    /** March 2027 (Shanghai), figures taken on 2 April. */
    private static final Window MARCH = new Window(at("2027-03-01T00:00"), at("2027-04-01T00:00"), at("2027-04-02T02:00"));

    private static Instant at(String shanghai) {
        return OffsetDateTime.parse(shanghai + ":00+08:00").toInstant();
    }

    private static MemberHistory member(String registered, Reached... reached) {
        return new MemberHistory(UUID.randomUUID(), at(registered), null, null, null, List.of(reached));
    }

    private static Reached reached(String at) {
        return new Reached(at(at), true);
    }

    private static Group group(Set<ClockRule> obligations, MemberHistory... members) {
        return new Group(List.of(members), obligations, List.of(), List.of(), List.of());
    }

    @Test
    void aMemberNeverContactedMissesTheQuarterOneQuarterAfterRegistrationAndAwaitsAContact() {
        MemberHistory m = member("2026-12-10T09:00");
        List<Due> dues = rule.dues(MARCH, m, ClockRule.QUARTERLY);
        assertThat(dues).singleElement().satisfies(d -> {
            assertThat(d.dueAt()).isEqualTo(at("2027-03-10T00:00"));
            assertThat(d.onTime()).isFalse();
            assertThat(d.metAt()).isNull();
        });
        Figures f = rule.figures(MARCH, group(Accountability.BRANCH_OBLIGATIONS, m));
        assertThat(f.contactsDue()).isEqualTo(1);
        assertThat(f.contactsMissed()).isEqualTo(1);
        assertThat(f.contactsOnTimeShare()).isEqualTo(0.0);
        assertThat(f.missedAwaitingContact()).isEqualTo(1);
        assertThat(f.medianDaysMissedToContact()).isNull();
    }

    @Test
    void eachContactStartsTheClockAgainAndADueIsOnTimeWhenTheNextContactCameBeforeIt() {
        // contacts on 5 Dec and 20 Dec: due 5 Mar (met by 20 Dec, on time) and 20 Mar (met 18 Mar, on time);
        // 18 Mar starts a clock due 18 Jun: not in March
        MemberHistory m = member("2026-01-01T09:00", reached("2026-12-05T10:00"), reached("2026-12-20T10:00"),
                reached("2027-03-18T10:00"));
        List<Due> dues = rule.dues(MARCH, m, ClockRule.QUARTERLY);
        assertThat(dues).extracting(Due::dueAt).containsExactly(at("2027-03-05T00:00"), at("2027-03-20T00:00"));
        assertThat(dues).allMatch(Due::onTime);
        Figures f = rule.figures(MARCH, group(Accountability.BRANCH_OBLIGATIONS, m));
        assertThat(f.contactsOnTime()).isEqualTo(2);
        assertThat(f.contactsOnTimeShare()).isEqualTo(1.0);
        assertThat(f.medianDaysMissedToContact()).isNull();
    }

    @Test
    void aMemberCalledEveryWeekCountsOneDueAPeriodNotOneACall() {
        // weekly calls from 2 Dec to 31 Mar: the clock running on 2 Mar (started 2 Dec) was met on time; the next due
        // is that of the clock started by the last call before 2 Mar (24 Feb), due 24 May — not in March
        List<Reached> calls = new ArrayList<>();
        for (LocalDate day = LocalDate.parse("2026-12-02"); day.isBefore(LocalDate.parse("2027-04-01")); day = day.plusWeeks(1)) {
            calls.add(reached(day + "T10:00"));
        }
        MemberHistory weekly = member("2026-01-01T09:00", calls.toArray(Reached[]::new));
        assertThat(rule.dues(MARCH, weekly, ClockRule.QUARTERLY)).singleElement().satisfies(d -> {
            assertThat(d.dueAt()).isEqualTo(at("2027-03-02T00:00"));
            assertThat(d.onTime()).isTrue();
        });
        Window quarter = new Window(at("2027-01-01T00:00"), at("2027-07-01T00:00"), at("2027-07-02T02:00"));
        assertThat(rule.dues(quarter, weekly, ClockRule.QUARTERLY)).extracting(Due::dueAt, Due::onTime)
                .containsExactly(tuple(at("2027-03-02T00:00"), true), tuple(at("2027-05-24T00:00"), true),
                        tuple(at("2027-06-30T00:00"), false)); // the last call, 31 Mar, is not followed by another
    }

    @Test
    void aMissedDueCountsTheDaysToTheNextContactAndTheMedianIsTakenOverTheMisses() {
        MemberHistory late10 = member("2026-01-01T09:00", reached("2026-12-02T10:00"), reached("2027-03-12T15:00"));
        MemberHistory late3 = member("2026-01-01T09:00", reached("2026-12-04T10:00"), reached("2027-03-07T08:00"));
        MemberHistory late21 = member("2026-01-01T09:00", reached("2026-12-06T10:00"), reached("2027-03-27T23:00"));
        MemberHistory onTime = member("2026-01-01T09:00", reached("2026-12-08T10:00"), reached("2027-03-01T08:00"));
        Figures f = rule.figures(MARCH, group(Set.of(ClockRule.QUARTERLY), late10, late3, late21, onTime));
        assertThat(f.contactsDue()).isEqualTo(4);
        assertThat(f.contactsOnTime()).isEqualTo(1);
        assertThat(f.contactsMissed()).isEqualTo(3);
        assertThat(f.contactsOnTimeShare()).isEqualTo(0.25);
        assertThat(f.missedAwaitingContact()).isZero();
        assertThat(f.medianDaysMissedToContact()).isEqualTo(10.0); // 3, 10, 21
        Figures two = rule.figures(MARCH, group(Set.of(ClockRule.QUARTERLY), late10, late3));
        assertThat(two.medianDaysMissedToContact()).isEqualTo(6.5);
    }

    @Test
    void theDueOfTheLastClockIsTheOneThePlannerAndSoTheScanComputes() {
        // the scan announces ContactMissed when the planned clock's due passes without a contact: the same instant
        Instant registered = at("2026-05-31T09:00");
        Instant last = at("2026-11-30T22:00");
        MemberHistory m = new MemberHistory(UUID.randomUUID(), registered, null, null, null,
                List.of(new Reached(at("2026-08-31T10:00"), false), new Reached(last, false)));
        PlannedClock planned = new ClockPlanner(PERIODS).plan(new MemberClockState(false, registered, null, null,
                null, last, null, null, null)).stream().filter(c -> c.rule() == ClockRule.QUARTERLY).findFirst()
                .orElseThrow();
        Window window = new Window(at("2027-02-01T00:00"), at("2027-03-01T00:00"), at("2027-03-02T00:00"));
        assertThat(rule.dues(window, m, ClockRule.QUARTERLY)).singleElement()
                .satisfies(d -> assertThat(d.dueAt()).isEqualTo(planned.dueAt()).isEqualTo(at("2027-02-28T00:00")))
                .satisfies(d -> assertThat(d.onTime()).isFalse());
    }

    @Test
    void aContactAtTheDueInstantIsLate() {
        MemberHistory m = member("2026-01-01T09:00", reached("2026-12-10T10:00"), reached("2027-03-10T00:00"));
        assertThat(rule.dues(MARCH, m, ClockRule.QUARTERLY)).singleElement().satisfies(d -> {
            assertThat(d.onTime()).isFalse();
            assertThat(d.metAt()).isEqualTo(at("2027-03-10T00:00"));
        });
    }

    @Test
    void theLiaisonsMonthlyObligationRunsFromTheOutflowAndOnlyPersonToPersonContactsOrAReportInMeetIt() {
        // flowing since 1 Feb: T1 due 1 Mar; ORG_LIFE on 20 Feb meets T2 but not T1; a phone call on 10 Mar
        Instant left = at("2027-02-01T00:00");
        MemberHistory m = new MemberHistory(UUID.randomUUID(), at("2020-01-01T09:00"), null, left, null,
                List.of(new Reached(at("2027-02-20T10:00"), false), new Reached(at("2027-03-10T10:00"), true)));
        List<Due> t1 = rule.dues(MARCH, m, ClockRule.LIAISON_MONTHLY);
        assertThat(t1).singleElement().satisfies(d -> {
            assertThat(d.dueAt()).isEqualTo(at("2027-03-01T00:00"));
            assertThat(d.metAt()).isEqualTo(at("2027-03-10T10:00"));
            assertThat(d.onTime()).isFalse();
        });
        // 报到 at the destination on 25 Feb meets it in time and starts the month again (due 25 Mar, met 10 Mar)
        MemberHistory reportedIn = new MemberHistory(m.memberId(), m.registeredAt(), null, left,
                at("2027-02-25T10:00"), m.reached());
        assertThat(rule.dues(MARCH, reportedIn, ClockRule.LIAISON_MONTHLY)).extracting(Due::dueAt, Due::onTime)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(at("2027-03-01T00:00"), true),
                        org.assertj.core.groups.Tuple.tuple(at("2027-03-25T00:00"), true));
        // a member who does not flow has no liaison obligation
        assertThat(rule.dues(MARCH, member("2020-01-01T09:00"), ClockRule.LIAISON_MONTHLY)).isEmpty();
        // the per-liaison figures count T1 only
        Figures f = rule.figures(MARCH, group(Accountability.LIAISON_OBLIGATIONS, m));
        assertThat(f.contactsDue()).isEqualTo(1);
        assertThat(f.medianDaysMissedToContact()).isEqualTo(9.0);
    }

    @Test
    void nothingBeforeARestorationCountsAndDuesAfterAsOfAreNotYetCounted() {
        // restored on 15 Dec: the contact of 1 Dec does not start the clock; due 15 Mar
        MemberHistory restored = new MemberHistory(UUID.randomUUID(), at("2020-01-01T09:00"), at("2026-12-15T11:00"),
                null, null, List.of(reached("2026-12-01T10:00")));
        assertThat(rule.dues(MARCH, restored, ClockRule.QUARTERLY)).extracting(Due::dueAt)
                .containsExactly(at("2027-03-15T00:00"));
        Window current = new Window(MARCH.from(), MARCH.to(), at("2027-03-14T12:00"));
        assertThat(rule.dues(current, restored, ClockRule.QUARTERLY)).isEmpty();
    }

    @Test
    void anEmptyGroupHasZeroCountsAndNullSharesNeverNaN() {
        Figures f = rule.figures(MARCH, new Group(List.of(), Accountability.BRANCH_OBLIGATIONS, List.of(), List.of(),
                List.of()));
        assertThat(f.members()).isZero();
        assertThat(f.contactsDue()).isZero();
        assertThat(f.contactsOnTimeShare()).isNull();
        assertThat(f.medianDaysMissedToContact()).isNull();
        assertThat(f.firstSearchInTimeShare()).isNull();
        assertThat(f.lostPer100()).isNull();
        assertThat(f.casesOpened()).isZero();
    }

    @Test
    void aFirstSearchCountsInThePeriodOfItsDeadlineAndAnOpeningEndedBeforeItWithoutAttemptIsNotCounted() {
        UUID c = UUID.randomUUID();
        List<CaseOpening> openings = List.of(
                // deadline 10 Mar, attempt logged 9 Mar: in time
                new CaseOpening(c, at("2027-02-08T02:00"), at("2027-03-10T02:00"), at("2027-03-09T20:00"), null),
                // deadline 12 Mar, attempt 13 Mar: late
                new CaseOpening(UUID.randomUUID(), at("2027-02-10T02:00"), at("2027-03-12T02:00"), at("2027-03-13T09:00"), null),
                // deadline 14 Mar, no attempt, found on 1 Mar: C1 never applied
                new CaseOpening(UUID.randomUUID(), at("2027-02-12T02:00"), at("2027-03-14T02:00"), null, at("2027-03-01T10:00")),
                // no deadline kept: 30 days after opening (2 Mar 02:00 + P30D = 1 Apr 02:00): April, not counted
                new CaseOpening(UUID.randomUUID(), at("2027-03-02T02:00"), null, null, null),
                // deadline 20 Mar, none yet: late
                new CaseOpening(UUID.randomUUID(), at("2027-02-18T02:00"), at("2027-03-20T02:00"), null, null));
        List<MemberHistory> members = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            members.add(member("2026-12-20T09:00"));
        }
        Figures f = rule.figures(MARCH, new Group(members, Set.of(ClockRule.QUARTERLY), openings, List.of(), List.of()));
        assertThat(f.firstSearchDue()).isEqualTo(3);
        assertThat(f.firstSearchInTime()).isEqualTo(1);
        assertThat(f.firstSearchInTimeShare()).isEqualTo(0.3333);
        // one opening in March among 40 members
        assertThat(f.casesOpened()).isEqualTo(1);
        assertThat(f.lostPer100()).isEqualTo(2.5);
        assertThat(f.members()).isEqualTo(40);
    }

    @Test
    void followUpsDoneAndMissedCountInThePeriodUpToAsOf() {
        Window current = new Window(MARCH.from(), MARCH.to(), at("2027-03-20T00:00"));
        Group g = new Group(List.of(), Set.of(ClockRule.QUARTERLY), List.of(),
                List.of(at("2027-02-28T23:00"), at("2027-03-03T10:00"), at("2027-03-19T10:00"), at("2027-03-25T10:00")),
                List.of(at("2027-03-10T09:00"), at("2027-04-01T09:00")));
        Figures f = rule.figures(current, g);
        assertThat(f.followUpsDone()).isEqualTo(2);
        assertThat(f.followUpsMissed()).isEqualTo(1);
    }

    @Test
    void aWindowMustStartBeforeItEnds() {
        assertThatThrownBy(() -> new Window(MARCH.to(), MARCH.from(), MARCH.asOf()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
