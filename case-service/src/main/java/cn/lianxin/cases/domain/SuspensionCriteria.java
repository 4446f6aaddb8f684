package cn.lianxin.cases.domain;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * Rule C4: a member not found {@code P6M} after lost-since, with at least 3 distinct search channels tried
 * including a field visit (VISIT_WORKPLACE or VISIT_HOME), may be proposed for 停止党籍 (取消预备党员资格 for
 * a probationary member). Otherwise the unmet requirements are listed.
 */
public record SuspensionCriteria(Instant dueAt, Set<SearchChannel> channelsTried, boolean fieldVisitDone,
        List<String> missing) {

    public static SuspensionCriteria evaluate(Instant lostSince, Instant asOf, Collection<SearchChannel> channels,
            Period after, int minChannels) {
        Instant dueAt = ShanghaiCalendar.plus(lostSince, after);
        Set<SearchChannel> tried = channels.isEmpty() ? EnumSet.noneOf(SearchChannel.class) : EnumSet.copyOf(channels);
        boolean fieldVisit = tried.stream().anyMatch(SearchChannel::fieldVisit);
        List<String> missing = new ArrayList<>();
        if (asOf.isBefore(dueAt)) {
            missing.add("lost less than " + after + " (lost since " + lostSince + ", reached on " + dueAt + ")");
        }
        if (tried.size() < minChannels) {
            missing.add(tried.size() + " distinct search channels tried, at least " + minChannels + " required");
        }
        if (!fieldVisit) {
            missing.add("no field visit (VISIT_WORKPLACE or VISIT_HOME) logged");
        }
        return new SuspensionCriteria(dueAt, tried, fieldVisit, List.copyOf(missing));
    }

    public boolean met() {
        return missing.isEmpty();
    }

    /** What C4 proposes once met: 取消预备党员资格 for a probationary member, 停止党籍 for a full member. */
    public static String proposedAction(String category) {
        return "PROBATIONARY".equals(category) ? "CANCEL_PROBATION" : "SUSPEND";
    }
}
