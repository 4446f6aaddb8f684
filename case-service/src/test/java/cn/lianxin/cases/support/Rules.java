package cn.lianxin.cases.support;

import java.time.Period;

import cn.lianxin.cases.config.CaseRules;

/** The default thresholds of docs/domain.md §3, for plain JUnit tests of the rules. */
public final class Rules {

    private Rules() {
    }

    public static CaseRules defaults() {
        return followUps(4, 3);
    }

    public static CaseRules followUps(int weekly, int monthly) {
        CaseRules.FollowUp followUp = new CaseRules.FollowUp() {
            public int weeklyCount() { return weekly; }
            public Period weeklyInterval() { return Period.ofDays(7); }
            public int monthlyCount() { return monthly; }
            public Period monthlyInterval() { return Period.ofMonths(1); }
            public Period grace() { return Period.ofDays(3); }
        };
        return new CaseRules() {
            public Period verificationDeadline() { return Period.ofDays(30); }
            public Period escalationInterval() { return Period.ofDays(30); }
            public Period recheckInterval() { return Period.ofDays(7); }
            public Period suspensionAfter() { return Period.ofMonths(6); }
            public int suspensionMinChannels() { return 3; }
            public Period removalAfter() { return Period.ofYears(2); }
            public Period restoreWithin() { return Period.ofYears(2); }
            public Period readmissionBar() { return Period.ofYears(5); }
            public int correctionMinMonths() { return 6; }
            public int correctionMaxMonths() { return 12; }
            public FollowUp followUp() { return followUp; }
            public Lookup lookup() { return () -> Period.ofDays(10); }
            public String scanCron() { return "off"; }
        };
    }
}
