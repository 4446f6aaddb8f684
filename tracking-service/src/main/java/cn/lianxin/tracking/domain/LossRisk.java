package cn.lianxin.tracking.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * The explainable loss-risk score (流失风险): from signals the system already holds, how likely a member is to be lost
 * before the clocks say so, each contribution with its points and a sentence with its numbers. Pure: the same signals
 * and weights always give the same score. Days are Shanghai calendar days.
 *
 * <p>The usual rhythm is the median of the member's latest gaps between days with a REACHED contact; with too few
 * gaps it is the quarterly obligation (T2), and it is never taken as shorter than the floor nor longer than the
 * quarter (the policy's own rhythm). Silence scores for each rhythm beyond the first.
 */
public final class LossRisk {

    private static final Map<String, String> CHANNELS = Map.ofEntries(Map.entry("PHONE", "电话"),
            Map.entry("SMS", "短信"), Map.entry("WECHAT", "微信"), Map.entry("VISIT", "上门走访"),
            Map.entry("ORG_LIFE", "组织生活"), Map.entry("DUES", "交纳党费"), Map.entry("SELF_CHECK_IN", "报平安"),
            Map.entry("OTHER", "其他"), Map.entry("CASE_FOUND", "查找"), Map.entry("FOLLOW_UP", "回访"),
            Map.entry("EMAIL", "电子邮件"));

    private final RiskWeights weights;
    private final ClockPlanner planner;
    private final Period quarterly;

    public LossRisk(RiskWeights weights, ClockPeriods periods) {
        this.weights = weights;
        this.planner = new ClockPlanner(periods);
        this.quarterly = periods.quarterly();
    }

    public RiskScore assess(RiskSignals s) {
        Instant asOf = s.asOf();
        LocalDate today = ShanghaiCalendar.dateOf(asOf);
        List<Instant> reached = s.reached().stream().filter(at -> !at.isAfter(asOf)).toList();
        Instant lastReached = reached.stream().max(Comparator.naturalOrder()).orElse(null);

        List<PlannedClock> clocks = planner.plan(new MemberClockState(false, s.registeredAt(), s.restartedAt(), null, null,
                lastReached, null, null, null));
        Instant lostDue = dueOf(clocks, ClockRule.LOST);
        Instant quarterlyDue = dueOf(clocks, ClockRule.QUARTERLY);
        Instant silentSince = clocks.stream().filter(c -> c.rule() == ClockRule.LOST).findFirst().orElseThrow().startedAt();
        boolean openCaseSinceReached = s.openCaseSince() != null && !s.openCaseSince().isAfter(asOf)
                && (lastReached == null || s.openCaseSince().isAfter(lastReached));
        boolean lost = !lostDue.isAfter(asOf) || openCaseSinceReached;
        boolean overdue = !quarterlyDue.isAfter(asOf);

        List<RiskScore.Contribution> contributions = new ArrayList<>();
        long silentDays = Math.max(0, ChronoUnit.DAYS.between(ShanghaiCalendar.dateOf(silentSince), today));
        List<Long> gaps = gaps(reached);
        long quarterDays = ChronoUnit.DAYS.between(today.minus(quarterly), today);
        boolean rhythmKnown = gaps.size() >= weights.rhythmMinGaps();
        long rhythm = rhythmKnown ? Math.min(quarterDays, Math.max(weights.rhythmFloorDays(), median(gaps))) : quarterDays;
        silence(contributions, silentDays, rhythm, rhythmKnown, lastReached != null);
        notReached(contributions, s, today, lastReached);
        failedDeliveries(contributions, s, today);
        contactUnconfirmed(contributions, s, today);
        if (s.flowingSince() != null && !s.flowingSince().isAfter(today) && weights.flowingWithoutReportIn() > 0) {
            add(contributions, RiskSignal.FLOWING_WITHOUT_REPORT_IN, weights.flowingWithoutReportIn(),
                    "外出流动已 %d 天，尚未向流入地党组织报到".formatted(ChronoUnit.DAYS.between(s.flowingSince(), today)));
        }
        transfer(contributions, s, today);
        previousLosses(contributions, s, lost);
        missedFollowUps(contributions, s, today);

        int total = contributions.stream().mapToInt(RiskScore.Contribution::points).sum();
        contributions.sort(Comparator.comparing(RiskScore.Contribution::points).reversed()
                .thenComparing(RiskScore.Contribution::signal));
        return new RiskScore(total, total >= weights.threshold(), lost, overdue, lastReached, silentDays, rhythm,
                rhythmKnown, contributions);
    }

    private void silence(List<RiskScore.Contribution> out, long silentDays, long rhythm, boolean rhythmKnown,
            boolean everReached) {
        if (silentDays <= rhythm) {
            return;
        }
        double beyond = (double) silentDays / rhythm - 1;
        int points = (int) Math.min(weights.silenceMax(), Math.round(weights.silencePerRhythm() * beyond));
        if (points <= 0) {
            return;
        }
        String since = everReached ? "已 %d 天未联系上".formatted(silentDays) : "登记以来 %d 天未联系上".formatted(silentDays);
        String usual = rhythmKnown ? "平常约每 %d 天联系上一次".formatted(rhythm)
                : "联系记录不足，按每季度一次（%d 天）计".formatted(rhythm);
        add(out, RiskSignal.SILENCE, points, since + "，" + usual + String.format(Locale.ROOT, "，已是 %.1f 倍", (double) silentDays / rhythm));
    }

    private void notReached(List<RiskScore.Contribution> out, RiskSignals s, LocalDate today, Instant lastReached) {
        Instant from = ShanghaiCalendar.startOfDay(today.minus(weights.notReachedWindow()));
        List<RiskSignals.Attempt> attempts = s.notReached().stream()
                .filter(a -> !a.at().isBefore(from) && !a.at().isAfter(s.asOf()))
                .filter(a -> lastReached == null || a.at().isAfter(lastReached)).toList();
        if (attempts.isEmpty()) {
            return;
        }
        int points = Math.min(weights.notReachedMax(), attempts.size() * weights.notReachedEach());
        add(out, RiskSignal.NOT_REACHED_ATTEMPTS, points, "%d 天内 %d 次联系未联系上（%s）".formatted(
                days(today, weights.notReachedWindow()), attempts.size(), byChannel(attempts)));
    }

    private void failedDeliveries(List<RiskScore.Contribution> out, RiskSignals s, LocalDate today) {
        Instant from = ShanghaiCalendar.startOfDay(today.minus(weights.failedDeliveriesWindow()));
        List<RiskSignals.Attempt> failed = s.failedDeliveries().stream()
                .filter(a -> !a.at().isBefore(from) && !a.at().isAfter(s.asOf())).toList();
        if (failed.isEmpty()) {
            return;
        }
        int points = Math.min(weights.failedDeliveriesMax(), failed.size() * weights.failedDeliveriesEach());
        add(out, RiskSignal.FAILED_DELIVERIES, points, "%d 天内 %d 次通知因地址无效或被拒未送达本人（%s）".formatted(
                days(today, weights.failedDeliveriesWindow()), failed.size(), byChannel(failed)));
    }

    /** Contact details unconfirmed since member-service said so (its period, not restated here), until confirmed. */
    private void contactUnconfirmed(List<RiskScore.Contribution> out, RiskSignals s, LocalDate today) {
        Instant since = s.contactUnconfirmedSince();
        if (since == null || since.isAfter(s.asOf())) {
            return;
        }
        LocalDate day = ShanghaiCalendar.dateOf(since);
        add(out, RiskSignal.CONTACT_UNCONFIRMED, weights.contactUnconfirmed(),
                "联系方式自 %s 起未经核实（已 %d 天）".formatted(day, ChronoUnit.DAYS.between(day, today)));
    }

    /** A transfer in transit: overdue once its receipt's last day is past, else in transit from the day it was issued. */
    private void transfer(List<RiskScore.Contribution> out, RiskSignals s, LocalDate today) {
        LocalDate due = s.transferReceiptDueOn();
        LocalDate issued = s.transferIssuedOn();
        if (due != null && due.isBefore(today) && (issued == null || !issued.isAfter(today))) {
            add(out, RiskSignal.TRANSFER_RECEIPT_OVERDUE, weights.transferReceiptOverdue(),
                    "组织关系介绍信的回执逾期未回（应于 %s 前收回）".formatted(due));
        } else if (issued != null && !issued.isAfter(today)) {
            add(out, RiskSignal.TRANSFER_IN_TRANSIT, weights.transferInTransit(),
                    "组织关系转接途中：介绍信 %s 开出，回执尚未收回%s".formatted(issued,
                            due == null ? "" : "（%s 前收回）".formatted(due)));
        }
    }

    /** The losses before the one under way, if the member is lost now: that one is not a previous loss. */
    private void previousLosses(List<RiskScore.Contribution> out, RiskSignals s, boolean lost) {
        List<Instant> losses = s.losses().stream().filter(at -> !at.isAfter(s.asOf())).sorted().toList();
        if (lost && s.openCaseSince() != null && !losses.isEmpty()) {
            losses = losses.subList(0, losses.size() - 1);
        }
        if (losses.isEmpty()) {
            return;
        }
        int points = Math.min(weights.previousLossesMax(), losses.size() * weights.previousLossesEach());
        add(out, RiskSignal.PREVIOUS_LOSSES, points, "曾失联 %d 次（最近一次 %s 立案）".formatted(losses.size(),
                ShanghaiCalendar.dateOf(losses.get(losses.size() - 1))));
    }

    private void missedFollowUps(List<RiskScore.Contribution> out, RiskSignals s, LocalDate today) {
        Instant from = ShanghaiCalendar.startOfDay(today.minus(weights.missedFollowUpsWindow()));
        long missed = s.missedFollowUps().stream().filter(at -> !at.isBefore(from) && !at.isAfter(s.asOf())).count();
        if (missed == 0) {
            return;
        }
        int points = (int) Math.min(weights.missedFollowUpsMax(), missed * weights.missedFollowUpsEach());
        add(out, RiskSignal.MISSED_FOLLOW_UPS, points, "%d 天内 %d 次回访未按时完成".formatted(
                days(today, weights.missedFollowUpsWindow()), missed));
    }

    private static void add(List<RiskScore.Contribution> out, RiskSignal signal, int points, String why) {
        if (points > 0) {
            out.add(new RiskScore.Contribution(signal, points, why + ": +" + points));
        }
    }

    /** Days between the Shanghai days of the latest REACHED contacts, latest first, as many as the rhythm looks at. */
    private List<Long> gaps(List<Instant> reached) {
        TreeSet<LocalDate> days = new TreeSet<>(Comparator.reverseOrder());
        reached.forEach(at -> days.add(ShanghaiCalendar.dateOf(at)));
        List<Long> gaps = new ArrayList<>();
        LocalDate later = null;
        for (LocalDate day : days) {
            if (later != null) {
                gaps.add(ChronoUnit.DAYS.between(day, later));
                if (gaps.size() == weights.rhythmGaps()) {
                    break;
                }
            }
            later = day;
        }
        return gaps;
    }

    private static long median(List<Long> gaps) {
        List<Long> sorted = gaps.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long days(LocalDate today, Period window) {
        return ChronoUnit.DAYS.between(today.minus(window), today);
    }

    private static String byChannel(List<RiskSignals.Attempt> attempts) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        attempts.stream().sorted(Comparator.comparing(RiskSignals.Attempt::at))
                .forEach(a -> counts.merge(CHANNELS.getOrDefault(a.channel(), a.channel()), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((channel, n) -> parts.add(channel + " " + n + " 次"));
        return String.join("、", parts);
    }

    private static Instant dueOf(List<PlannedClock> clocks, ClockRule rule) {
        return clocks.stream().filter(c -> c.rule() == rule).findFirst().orElseThrow().dueAt();
    }
}
