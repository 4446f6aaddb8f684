package cn.lianxin.cases.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import cn.lianxin.cases.config.CaseRules;
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

    public static List<Planned> schedule(Instant start, CaseRules.FollowUp rules) {
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
