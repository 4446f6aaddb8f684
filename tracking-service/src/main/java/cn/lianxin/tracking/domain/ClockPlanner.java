package cn.lianxin.tracking.domain;

import static cn.lianxin.tracking.domain.Deadlines.dueAt;
import static cn.lianxin.tracking.domain.Deadlines.latest;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/** Rules T1–T7 as a pure function: which clocks a member runs, since when, due when. */
public final class ClockPlanner {

    private final ClockPeriods periods;

    public ClockPlanner(ClockPeriods periods) {
        this.periods = periods;
    }

    public List<PlannedClock> plan(MemberClockState member) {
        List<PlannedClock> clocks = new ArrayList<>();
        if (member.exempt()) {
            return clocks; // suspended, removed, cancelled, deceased or transferred out: no clock at all
        }
        Instant reached = start(member, member.lastReachedAt());
        clocks.add(escalating(ClockRule.QUARTERLY, reached, periods.quarterly()));
        clocks.add(simple(ClockRule.LOST, reached, periods.lostContact()));
        if (member.flowing()) {
            clocks.add(escalating(ClockRule.LIAISON_MONTHLY,
                    start(member, member.leftAt(), member.lastDirectReachedAt(), member.reportedInAt()),
                    periods.liaisonMonthly())); // 报到 at the destination counts as reached (docs/domain.md §4b)
            if (member.reportedInAt() == null) {
                clocks.add(simple(ClockRule.UNCONTROLLED, start(member, member.leftAt(), member.lastReachedAt()),
                        periods.uncontrolled()));
            }
        }
        clocks.add(simple(ClockRule.ORG_LIFE_ABSENCE, start(member, member.lastOrgLifeAt()), periods.selfWithdrawal()));
        clocks.add(simple(ClockRule.DUES_ABSENCE, start(member, member.lastDuesAt()), periods.selfWithdrawal()));
        clocks.add(simple(ClockRule.DUES_ARREARS, start(member, member.lastDuesAt()), periods.duesArrears()));
        return clocks;
    }

    /**
     * A clock runs from the last time its obligation was met — also when that was logged from before the member's
     * registration (the contact history a branch brings when it starts using Lianxin): docs/domain.md T5's lostSince is
     * the last REACHED contact, registration only when there is none. A restoration to ACTIVE restarts every clock:
     * nothing before it counts.
     */
    private static Instant start(MemberClockState member, Instant lastMet, Instant... alsoMet) {
        Instant met = latest(lastMet, alsoMet);
        if (met == null) {
            return latest(member.registeredAt(), member.restartedAt());
        }
        return latest(met, member.restartedAt());
    }

    private PlannedClock escalating(ClockRule rule, Instant start, Period threshold) {
        Instant due = dueAt(start, threshold);
        return new PlannedClock(rule, start, due, Deadlines.graceUntil(due, periods.grace()));
    }

    private static PlannedClock simple(ClockRule rule, Instant start, Period threshold) {
        return new PlannedClock(rule, start, dueAt(start, threshold), null);
    }
}
