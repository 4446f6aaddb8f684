package cn.lianxin.cases.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Figures of the monthly report (每月一上报) for one org subtree; {@link Tally} adds them up. */
public record ReportFigures(long members, long lostTotal, long newlyLost, long found, long reintegrated,
        long disposed, long suspended, long removed, long stillMissing, long reLost, double lostRate,
        Double averageDaysLost, Double medianDaysLost) {

    /** Counts of one branch or of many, and the days lost of each lost member, before rounding. */
    public static final class Tally {
        long members;
        long missingAtStart;
        long newlyLost;
        long found;
        long reintegrated;
        long disposed;
        long suspended;
        long removed;
        long stillMissing;
        long reLost;
        final List<Long> daysLost = new ArrayList<>();

        public Tally add(Tally other) {
            members += other.members;
            missingAtStart += other.missingAtStart;
            newlyLost += other.newlyLost;
            found += other.found;
            reintegrated += other.reintegrated;
            disposed += other.disposed;
            suspended += other.suspended;
            removed += other.removed;
            stillMissing += other.stillMissing;
            reLost += other.reLost;
            daysLost.addAll(other.daysLost);
            return this;
        }

        public ReportFigures figures() {
            List<Long> days = daysLost.stream().sorted().toList();
            Double average = days.isEmpty() ? null
                    : round(days.stream().mapToLong(Long::longValue).average().orElseThrow(), 1);
            Double median = days.isEmpty() ? null
                    : days.size() % 2 == 1 ? (double) days.get(days.size() / 2)
                            : round((days.get(days.size() / 2 - 1) + days.get(days.size() / 2)) / 2.0, 1);
            double rate = members == 0 ? 0 : round(Math.min(1.0, (double) stillMissing / members), 4);
            return new ReportFigures(members, missingAtStart + newlyLost, newlyLost, found, reintegrated, disposed,
                    suspended, removed, stillMissing, reLost, rate, average, median);
        }

        private static double round(double value, int scale) {
            return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).doubleValue();
        }
    }
}
