package cn.lianxin.platform.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Calendar rules (months, quarters, quiet hours) are evaluated in China Standard Time. */
public final class ShanghaiCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ShanghaiCalendar() {
    }

    public static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    public static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atZone(ZONE));
    }

    public static Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    public static Instant startOfMonth(YearMonth month) {
        return startOfDay(month.atDay(1));
    }

    /**
     * Adds a calendar period in local time: one month after 31 January is 28/29 February, as people count it.
     */
    public static Instant plus(Instant instant, Period period) {
        return instant.atZone(ZONE).plus(period).toInstant();
    }

    public static boolean isWithin(Instant instant, LocalTime from, LocalTime until) {
        LocalTime local = ZonedDateTime.ofInstant(instant, ZONE).toLocalTime();
        return from.isAfter(until)
                ? !local.isBefore(from) || local.isBefore(until) // window over midnight, e.g. 22:00–08:00
                : !local.isBefore(from) && local.isBefore(until);
    }
}
