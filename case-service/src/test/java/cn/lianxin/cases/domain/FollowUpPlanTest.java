package cn.lianxin.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.lianxin.cases.support.Rules;

/** Rule C7: the follow-up plan tapers off, weekly ×4 then monthly ×3, counted in Shanghai calendar terms. */
class FollowUpPlanTest {

    @Test
    void plansFourWeeklyThenThreeMonthlyFollowUps() {
        Instant start = Instant.parse("2027-01-03T02:00:00Z"); // 10:00 on 3 January, Shanghai

        List<FollowUpPlan.Planned> plan = FollowUpPlan.schedule(start, Rules.defaults().followUp().plan());

        assertThat(plan).extracting(FollowUpPlan.Planned::no).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(plan).extracting(p -> p.cadence().name()).containsExactly("WEEKLY", "WEEKLY", "WEEKLY", "WEEKLY",
                "MONTHLY", "MONTHLY", "MONTHLY");
        assertThat(plan).extracting(FollowUpPlan.Planned::dueAt).containsExactly(
                Instant.parse("2027-01-10T02:00:00Z"), Instant.parse("2027-01-17T02:00:00Z"),
                Instant.parse("2027-01-24T02:00:00Z"), Instant.parse("2027-01-31T02:00:00Z"),
                Instant.parse("2027-02-28T02:00:00Z"), Instant.parse("2027-03-31T02:00:00Z"),
                Instant.parse("2027-04-30T02:00:00Z"));
    }

    @Test
    void monthsCountFromTheLastWeeklyVisitWithoutDrifting() {
        // The 4th weekly visit falls on 31 January: the monthly ones are 28 Feb, 31 Mar, 30 Apr (not 28th each).
        Instant start = Instant.parse("2027-01-03T02:00:00Z");
        assertThat(FollowUpPlan.schedule(start, Rules.defaults().followUp().plan()).get(5).dueAt())
                .isEqualTo(Instant.parse("2027-03-31T02:00:00Z"));
    }

    @Test
    void thePlanIsConfigurable() {
        List<FollowUpPlan.Planned> plan = FollowUpPlan.schedule(Instant.parse("2027-05-01T00:00:00Z"),
                Rules.followUps(2, 1).followUp().plan());
        assertThat(plan).extracting(p -> p.cadence().name()).containsExactly("WEEKLY", "WEEKLY", "MONTHLY");
        assertThat(plan.get(2).dueAt()).isEqualTo(Instant.parse("2027-06-15T00:00:00Z"));
    }
}
