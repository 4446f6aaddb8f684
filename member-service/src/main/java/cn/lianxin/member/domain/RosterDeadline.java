package cn.lianxin.member.domain;

import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;

/**
 * The deadline of 花名册备案: a branch files its roster for a year by a day of that year (default 31 March, Asia/Shanghai,
 * the whole day included); from the start of the next day a branch that has not filed is late.
 */
public final class RosterDeadline {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private RosterDeadline() {
    }

    /** The first instant at which a branch that has not filed for {@code year} is late. */
    public static Instant lateFrom(int year, MonthDay deadline) {
        return deadline.atYear(year).plusDays(1).atStartOfDay(SHANGHAI).toInstant();
    }

    public static boolean isLate(int year, MonthDay deadline, Instant asOf) {
        return !asOf.isBefore(lateFrom(year, deadline));
    }
}
