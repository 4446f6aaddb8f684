package cn.lianxin.cases.domain;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * Rule C7: after a disposition, follow-up visits (回访) taper off: weekly ×4, then monthly ×3 (configurable).
 * Each date counts from the plan's start in local (Asia/Shanghai) calendar terms, so months do not drift.
 */
public final class FollowUpPlan {

    private FollowUpPlan() {
    }

    public record Planned(int no, Cadence cadence, Instant dueAt) {
    }

    /** How the plan tapers: {@code weeklyCount} visits {@code weeklyInterval} apart, then the monthly ones. */
    public record Tapering(int weeklyCount, Period weeklyInterval, int monthlyCount, Period monthlyInterval) {
    }

    public static List<Planned> schedule(Instant start, Tapering rules) {
        List<Planned> plan = new ArrayList<>();
        Instant lastWeekly = start;
        for (int i = 1; i <= rules.weeklyCount(); i++) {
            lastWeekly = ShanghaiCalendar.plus(start, rules.weeklyInterval().multipliedBy(i));
            plan.add(new Planned(plan.size() + 1, Cadence.WEEKLY, lastWeekly));
        }
        for (int i = 1; i <= rules.monthlyCount(); i++) {
            plan.add(new Planned(plan.size() + 1, Cadence.MONTHLY,
                    ShanghaiCalendar.plus(lastWeekly, rules.monthlyInterval().multipliedBy(i))));
        }
        return List.copyOf(plan);
    }
}
