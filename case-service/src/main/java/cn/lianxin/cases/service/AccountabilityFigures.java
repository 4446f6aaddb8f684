package cn.lianxin.cases.service;

/**
 * A branch's accountability figures (目标责任考核) for a month, as tracking-service reports them in
 * AccountabilityReported (contracts' AccountabilityFigures; every figure is defined there). Shares are 0–1; a share,
 * median or rate of nothing is null.
 */
public record AccountabilityFigures(long members, long contactsDue, long contactsOnTime, long contactsMissed,
        Double contactsOnTimeShare, long missedAwaitingContact, Double medianDaysMissedToContact, long firstSearchDue,
        long firstSearchInTime, Double firstSearchInTimeShare, long followUpsDone, long followUpsMissed,
        long casesOpened, Double lostPer100) {
}
