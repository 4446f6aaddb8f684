package cn.lianxin.cases.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import cn.lianxin.cases.domain.LossSituation;

/**
 * Figures of the monthly report (每月一上报) for one org subtree; {@link Tally} adds them up. Cases closed because
 * the member died (去世), withdrew (退党) or was expelled (开除党籍) are counted apart, never as found;
 * {@code bySituation} breaks {@code lostTotal} down by 失联情形 (every situation, UNKNOWN for cases to be completed).
 */
public record ReportFigures(long members, long lostTotal, long newlyLost, long found, long reintegrated,
        long disposed, long suspended, long removed, long stillMissing, long reLost, double lostRate,
        Double averageDaysLost, Double medianDaysLost, long deceased, long withdrawn, long expelled,
        Map<LossSituation, Long> bySituation) {

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
        long deceased;
        long withdrawn;
        long expelled;
        final Map<LossSituation, Long> bySituation = new EnumMap<>(LossSituation.class);
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
            deceased += other.deceased;
            withdrawn += other.withdrawn;
            expelled += other.expelled;
            other.bySituation.forEach((situation, n) -> bySituation.merge(situation, n, Long::sum));
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
                    suspended, removed, stillMissing, reLost, rate, average, median, deceased, withdrawn, expelled,
                    situations());
        }

        /** Counts a lost member under their situation. */
        void lost(LossSituation situation, long n) {
            bySituation.merge(situation, n, Long::sum);
        }

        private Map<LossSituation, Long> situations() {
            Map<LossSituation, Long> all = new EnumMap<>(LossSituation.class);
            for (LossSituation situation : LossSituation.values()) {
                all.put(situation, bySituation.getOrDefault(situation, 0L));
            }
            return all;
        }

        private static double round(double value, int scale) {
            return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).doubleValue();
        }
    }
}
