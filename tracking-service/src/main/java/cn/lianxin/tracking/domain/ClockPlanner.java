package cn.lianxin.tracking.domain;

import static cn.lianxin.tracking.domain.Deadlines.dueAt;
import static cn.lianxin.tracking.domain.Deadlines.latest;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import cn.lianxin.tracking.config.TrackingConfig;

/** Rules T1–T7 as a pure function: which clocks a member runs, since when, due when. */
public final class ClockPlanner {

    private final TrackingConfig config;

    public ClockPlanner(TrackingConfig config) {
        this.config = config;
    }

    public List<PlannedClock> plan(MemberClockState member) {
        List<PlannedClock> clocks = new ArrayList<>();
        if (member.exempt()) {
            return clocks; // suspended, removed, cancelled, deceased or transferred out: no clock at all
        }
        Instant since = member.clocksSince();
        Instant reached = latest(since, member.lastReachedAt());
        clocks.add(escalating(ClockRule.QUARTERLY, reached, config.quarterly()));
        clocks.add(simple(ClockRule.LOST, reached, config.lostContact()));
        if (member.flowing()) {
            clocks.add(escalating(ClockRule.LIAISON_MONTHLY,
                    latest(since, member.leftAt(), member.lastDirectReachedAt()), config.liaisonMonthly()));
            if (member.reportedInAt() == null) {
                clocks.add(simple(ClockRule.UNCONTROLLED, latest(since, member.leftAt(), member.lastReachedAt()),
                        config.uncontrolled()));
            }
        }
        clocks.add(simple(ClockRule.ORG_LIFE_ABSENCE, latest(since, member.lastOrgLifeAt()), config.selfWithdrawal()));
        clocks.add(simple(ClockRule.DUES_ABSENCE, latest(since, member.lastDuesAt()), config.selfWithdrawal()));
        clocks.add(simple(ClockRule.DUES_ARREARS, latest(since, member.lastDuesAt()), config.duesArrears()));
        return clocks;
    }

    private PlannedClock escalating(ClockRule rule, Instant start, Period threshold) {
        Instant due = dueAt(start, threshold);
        return new PlannedClock(rule, start, due, Deadlines.graceUntil(due, config.grace()));
    }

    private static PlannedClock simple(ClockRule rule, Instant start, Period threshold) {
        return new PlannedClock(rule, start, dueAt(start, threshold), null);
    }
}
