package cn.lianxin.tracking.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;

import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * Calendar arithmetic of the clocks, in Asia/Shanghai. A clock started at any moment of a day falls due at
 * midnight (00:00 China Standard Time) of the day one period later: contact on 31 January, monthly obligation
 * → due from 00:00 on 28 February (29 in a leap year), as people count months.
 */
public final class Deadlines {

    private Deadlines() {
    }

    public static Instant dueAt(Instant startedAt, Period threshold) {
        return ShanghaiCalendar.startOfDay(ShanghaiCalendar.dateOf(startedAt).plus(threshold));
    }

    /** End of the grace period after a due instant (T3). */
    public static Instant graceUntil(Instant dueAt, Period grace) {
        return ShanghaiCalendar.plus(dueAt, grace);
    }

    /** Whole days from {@code dueAt} to {@code asOf}, 0 when not yet overdue. */
    public static long daysOverdue(Instant dueAt, Instant asOf) {
        return asOf.isBefore(dueAt) ? 0 : Duration.between(dueAt, asOf).toDays();
    }

    public static Instant latest(Instant first, Instant... others) {
        Instant latest = first;
        for (Instant other : others) {
            if (other != null && (latest == null || other.isAfter(latest))) {
                latest = other;
            }
        }
        return latest;
    }
}
